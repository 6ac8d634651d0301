-- validation_failures: great-expectations checks that failed on a landing batch (how many
-- rows of how many broke which expectation). The rows themselves are in quarantined_rows.
CREATE OR REPLACE VIEW validation_failures AS
SELECT v.validated_at, strftime(v.validated_at, '%G-W%V') AS iso_week,
       v.batch_id, v.expectation, nullif(v.column_name, '') AS column_name,
       v.element_count, v.unexpected_count
FROM validation_results v
WHERE NOT v.success;
