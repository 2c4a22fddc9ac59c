-- The providing agency's country, for the H2 rule (not to be disseminated
-- beyond the providing country without permission).
ALTER TABLE records ADD COLUMN country TEXT;
