/*!
Entity resolution for veza: which records, within one file or across
several, describe the same person.

# Pipeline

1. **Read** ([`record`]): any CSV columns; canonical columns are used
   directly, `--map COL=FIELD` renames, `--field COL:KIND` declares others.
   Each value is prepared once per record for its comparison kind.
2. **Block** ([`block`]): candidate pairs from several rules (name keys of
   the names crate, two name tokens with the birth year, one name token
   with the date of birth, document numbers, phones, identifiers,
   addresses), each reported with the pairs it produces.
3. **Train** ([`model`]): a Fellegi–Sunter model. u probabilities from
   random pairs, m probabilities by expectation–maximisation over the
   candidate pairs, no labels needed; the exact level of common values
   (Mohammad, 1 January) is weighed by the value's frequency.
4. **Score** ([`model::score_pair`]): a weight of evidence in bits per
   field, summed with the prior into a probability. Every score explains
   itself as a waterfall of [`FieldContribution`]s.
5. **Cluster** ([`cluster`]): connected components over links at or above
   the threshold, with [`Judgement`]s as edges (NotSame cuts, Same joins)
   and a guard against chaining: [`cluster_checked`] merges two clusters
   only when the weights of all record pairs between them are for it.

[`batch::resolve`] runs the whole for the `veza resolve` command;
[`incremental::Incremental`] adds records to a resolved set.

# Example

```
use veza_resolve::{record::{Columns, Dataset}, batch::resolve_dataset};
let csv = "record_id,given_name,family_name,date_of_birth\n\
           1,Jovan,Petrović,1990-03-04\n2,JOVAN,PETROVIC,04.03.1990\n3,Ana,Kovač,1985-01-02\n";
let ds = Dataset::read(vec![("a.csv".into(), csv.as_bytes())], &Columns::default()).unwrap();
let res = resolve_dataset(ds, false, None, None);
assert_eq!(res.dataset.records.len(), 3);
```
*/

pub mod batch;
pub mod block;
pub mod cluster;
pub mod compare;
mod error;
pub mod eval;
pub mod incremental;
pub mod model;
pub mod record;

pub use batch::{BatchOptions, Summary, resolve};
pub use cluster::{
    Judgement, Verdict, cluster, cluster_checked, connected_components, explain_cluster,
};
pub use error::{Error, Result};
pub use model::{
    FieldContribution, Link, Model, TrainOptions, VERSION, model_version, score_pair, train,
};
