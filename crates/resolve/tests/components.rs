//! Clustering against a reference connected-components implementation on
//! random graphs, and judgements respected.

use proptest::prelude::*;
use std::collections::HashMap;

use veza_resolve::cluster::{ClusterOptions, Edge, UnionFind, Verdict, cluster, cluster_checked};
use veza_resolve::connected_components;

/// Reference: breadth-first search over an adjacency list; each node is
/// labelled with the smallest node of its component.
fn reference(n: usize, edges: &[(u32, u32)]) -> Vec<u32> {
    let mut adj = vec![Vec::new(); n];
    for &(a, b) in edges {
        adj[a as usize].push(b as usize);
        adj[b as usize].push(a as usize);
    }
    let mut label = vec![u32::MAX; n];
    for s in 0..n {
        if label[s] != u32::MAX {
            continue;
        }
        let mut queue = std::collections::VecDeque::from([s]);
        label[s] = s as u32;
        while let Some(x) = queue.pop_front() {
            for &y in &adj[x] {
                if label[y] == u32::MAX {
                    label[y] = s as u32;
                    queue.push_back(y);
                }
            }
        }
    }
    label
}

fn graph() -> impl Strategy<Value = (usize, Vec<(u32, u32, f64)>)> {
    (1usize..60).prop_flat_map(|n| {
        let edge = (0..n as u32, 0..n as u32, -10.0f64..20.0);
        (Just(n), proptest::collection::vec(edge, 0..120))
    })
}

/// A pair weight from the edges (the last edge of a pair wins); pairs
/// without an edge weigh -20 bits.
fn weights(es: &[(u32, u32, f64)]) -> impl Fn(u32, u32) -> f64 {
    let map: HashMap<(u32, u32), f64> = es
        .iter()
        .map(|&(a, b, w)| ((a.min(b), a.max(b)), w))
        .collect();
    move |a, b| *map.get(&(a.min(b), a.max(b))).unwrap_or(&-20.0)
}

proptest! {
    #[test]
    fn checked_clustering_refines_components((n, es) in graph()) {
        let edges: Vec<Edge> = es.iter().map(|&(a, b, w)| Edge { a, b, weight: w }).collect();
        let links: Vec<(u32, u32)> = es.iter().filter(|e| e.2 >= 0.0).map(|e| (e.0, e.1)).collect();
        let whole = reference(n, &links);
        let w = weights(&es);
        let checked = cluster_checked(n, &edges, &[], &ClusterOptions::default(), &w);
        for a in 0..n {
            for b in 0..n {
                if checked[a] == checked[b] {
                    prop_assert_eq!(whole[a], whole[b]);
                }
            }
        }
        // Without the guard it is the plain components.
        let opts = ClusterOptions { guard: false, ..ClusterOptions::default() };
        prop_assert_eq!(cluster_checked(n, &edges, &[], &opts, &w), reference(n, &links));
    }

    #[test]
    fn checked_clustering_respects_judgements(
        (n, es) in graph(),
        js in proptest::collection::vec((0u32..60, 0u32..60, prop_oneof![Just(Verdict::Same), Just(Verdict::NotSame), Just(Verdict::Unsure)]), 0..10),
    ) {
        let edges: Vec<Edge> = es.iter().map(|&(a, b, w)| Edge { a, b, weight: w }).collect();
        let js: Vec<(u32, u32, Verdict)> = js.into_iter().filter(|j| (j.0 as usize) < n && (j.1 as usize) < n).collect();
        let labels = cluster_checked(n, &edges, &js, &ClusterOptions::default(), &weights(&es));
        let mut uf = UnionFind::new(n);
        for j in js.iter().filter(|j| j.2 == Verdict::Same) {
            uf.union(j.0, j.1);
            prop_assert_eq!(labels[j.0 as usize], labels[j.1 as usize]);
        }
        for j in js.iter().filter(|j| j.2 == Verdict::NotSame) {
            if uf.find(j.0) != uf.find(j.1) {
                prop_assert_ne!(labels[j.0 as usize], labels[j.1 as usize]);
            }
        }
    }

    #[test]
    fn components_match_reference((n, es) in graph()) {
        let pairs: Vec<(u32, u32)> = es.iter().map(|e| (e.0, e.1)).collect();
        prop_assert_eq!(connected_components(n, &pairs), reference(n, &pairs));
    }

    #[test]
    fn unguarded_clustering_is_components_over_links((n, es) in graph(), t in -5.0f64..10.0) {
        let edges: Vec<Edge> = es.iter().map(|&(a, b, w)| Edge { a, b, weight: w }).collect();
        let links: Vec<(u32, u32)> = es.iter().filter(|e| e.2 >= t).map(|e| (e.0, e.1)).collect();
        let opts = ClusterOptions { threshold: t, guard: false, ..ClusterOptions::default() };
        prop_assert_eq!(cluster(n, &edges, &[], &opts), reference(n, &links));
    }

    #[test]
    fn guarded_clustering_refines_components((n, es) in graph()) {
        let edges: Vec<Edge> = es.iter().map(|&(a, b, w)| Edge { a, b, weight: w }).collect();
        let links: Vec<(u32, u32)> = es.iter().filter(|e| e.2 >= 0.0).map(|e| (e.0, e.1)).collect();
        let whole = reference(n, &links);
        let guarded = cluster(n, &edges, &[], &ClusterOptions::default());
        for a in 0..n {
            for b in 0..n {
                if guarded[a] == guarded[b] {
                    prop_assert_eq!(whole[a], whole[b]);
                }
            }
        }
    }

    #[test]
    fn judgements_are_respected(
        (n, es) in graph(),
        js in proptest::collection::vec((0u32..60, 0u32..60, prop_oneof![Just(Verdict::Same), Just(Verdict::NotSame), Just(Verdict::Unsure)]), 0..10),
        guard in any::<bool>(),
    ) {
        let edges: Vec<Edge> = es.iter().map(|&(a, b, w)| Edge { a, b, weight: w }).collect();
        let js: Vec<(u32, u32, Verdict)> = js.into_iter().filter(|j| (j.0 as usize) < n && (j.1 as usize) < n).collect();
        let opts = ClusterOptions { guard, ..ClusterOptions::default() };
        let labels = cluster(n, &edges, &js, &opts);
        // Same judgements always hold.
        let mut uf = UnionFind::new(n);
        for j in js.iter().filter(|j| j.2 == Verdict::Same) {
            uf.union(j.0, j.1);
            prop_assert_eq!(labels[j.0 as usize], labels[j.1 as usize]);
        }
        // NotSame holds unless Same judgements themselves join the pair.
        for j in js.iter().filter(|j| j.2 == Verdict::NotSame) {
            if uf.find(j.0) != uf.find(j.1) {
                prop_assert_ne!(labels[j.0 as usize], labels[j.1 as usize]);
            }
        }
    }
}

#[test]
fn guard_splits_a_chain_of_two_dense_groups() {
    // Two cliques of four joined by one weak link.
    let mut edges = Vec::new();
    for group in [0u32, 4] {
        for a in group..group + 4 {
            for b in a + 1..group + 4 {
                edges.push(Edge { a, b, weight: 15.0 });
            }
        }
    }
    edges.push(Edge {
        a: 3,
        b: 4,
        weight: 1.0,
    });
    let chained = cluster(
        8,
        &edges,
        &[],
        &ClusterOptions {
            guard: false,
            ..ClusterOptions::default()
        },
    );
    assert!(chained.iter().all(|&l| l == 0));
    let guarded = cluster(
        8,
        &edges,
        &[],
        &ClusterOptions {
            min_density: 0.5,
            ..ClusterOptions::default()
        },
    );
    assert_eq!(guarded, [0, 0, 0, 0, 4, 4, 4, 4]);
}

#[test]
fn checked_guard_refuses_a_merge_the_other_pairs_contradict() {
    // Two cliques of three; one strong link between them, every other
    // pair across them strongly against.
    let mut es = Vec::new();
    for group in [0u32, 3] {
        for a in group..group + 3 {
            for b in a + 1..group + 3 {
                es.push((a, b, 15.0));
            }
        }
    }
    for a in 0..3u32 {
        for b in 3..6u32 {
            es.push((a, b, if (a, b) == (2, 3) { 12.0 } else { -15.0 }));
        }
    }
    let edges: Vec<Edge> = es
        .iter()
        .map(|&(a, b, w)| Edge { a, b, weight: w })
        .collect();
    let labels = cluster_checked(6, &edges, &[], &ClusterOptions::default(), &weights(&es));
    assert_eq!(labels, [0, 0, 0, 3, 3, 3]);
    // A Same judgement holds its pair together whatever the other pairs
    // say; the rest is still the model's decision.
    let js = [(0u32, 5u32, Verdict::Same)];
    let labels = cluster_checked(6, &edges, &js, &ClusterOptions::default(), &weights(&es));
    assert_eq!(labels, [0, 0, 0, 3, 3, 0]);
}

/// Reference for the guarded clustering without judgements: links taken
/// strongest first, each merge decided by the full clamped sum over every
/// pair of the two clusters (no early decision), refusals remembered by
/// roots and sizes.
fn reference_checked(
    n: usize,
    edges: &[Edge],
    opts: &ClusterOptions,
    pair_weight: &dyn Fn(u32, u32) -> f64,
) -> Vec<u32> {
    let mut cluster_of: Vec<u32> = (0..n as u32).collect();
    let mut links: Vec<Edge> = edges
        .iter()
        .filter(|e| e.weight >= opts.threshold && e.a != e.b)
        .copied()
        .collect();
    links.sort_by(|x, y| {
        y.weight
            .total_cmp(&x.weight)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let members = |c: &[u32], r: u32| -> Vec<u32> {
        (0..c.len() as u32)
            .filter(|&i| c[i as usize] == r)
            .collect()
    };
    let mut refused = std::collections::HashSet::new();
    for e in &links {
        let (ra, rb) = (cluster_of[e.a as usize], cluster_of[e.b as usize]);
        if ra == rb {
            continue;
        }
        let (ma, mb) = (members(&cluster_of, ra), members(&cluster_of, rb));
        let key = (ra.min(rb), ra.max(rb), ma.len(), mb.len());
        let key = (key.0, key.1, key.2.min(key.3), key.2.max(key.3));
        if ma.len() + mb.len() > 2 {
            if refused.contains(&key) {
                continue;
            }
            let mut sum = 0.0;
            for &x in &ma {
                for &y in &mb {
                    let w = pair_weight(x, y);
                    sum += (w - opts.threshold).clamp(-opts.max_pair_weight, opts.max_pair_weight);
                }
            }
            if sum < 0.0 {
                refused.insert(key);
                continue;
            }
        }
        for x in mb {
            cluster_of[x as usize] = ra;
        }
    }
    // Label each record with the smallest record of its cluster.
    let mut smallest: HashMap<u32, u32> = HashMap::new();
    for (i, &c) in cluster_of.iter().enumerate() {
        smallest.entry(c).or_insert(i as u32);
    }
    cluster_of.iter().map(|c| smallest[c]).collect()
}

proptest! {
    /// The merge check decides early when the pairs left cannot change
    /// the outcome; it must decide as the full sum does. Weights are
    /// quarters, so that every sum is exact whatever the order of its
    /// terms (a tie at zero is then a tie in both).
    #[test]
    fn early_merge_decisions_equal_full_sums((n, es) in graph(), cap in 1.0f64..30.0) {
        let quarter = |x: f64| (x * 4.0).round() / 4.0;
        let cap = quarter(cap);
        // One weight per pair, so links and pair weights agree.
        let unique: HashMap<(u32, u32), f64> =
            es.iter().map(|&(a, b, w)| ((a.min(b), a.max(b)), quarter(w))).collect();
        let es: Vec<(u32, u32, f64)> = unique.iter().map(|(&(a, b), &w)| (a, b, w)).collect();
        let edges: Vec<Edge> = es.iter().map(|&(a, b, w)| Edge { a, b, weight: w }).collect();
        let opts = ClusterOptions { max_pair_weight: cap, ..ClusterOptions::default() };
        let w = weights(&es);
        prop_assert_eq!(
            cluster_checked(n, &edges, &[], &opts, &w),
            reference_checked(n, &edges, &opts, &w)
        );
    }
}
