// Constraints and indexes of the kg graph. Applied before every load; every
// statement is idempotent (IF NOT EXISTS) and runs on its own. Works on Neo4j 5
// and on the embedded ArcadeDB. Statements are separated by ';'.

// One node per id and label: MERGE on id uses these indexes.
CREATE CONSTRAINT kg_document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_institution_id IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_program_id IF NOT EXISTS FOR (n:Program) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;

// Lookups by exact name. (No index on kind or region: few distinct values, and the
// saved queries match regions with CONTAINS on region_key, which no index serves;
// each index slows the load of new institutions down by 10-20% on ArcadeDB.)
CREATE INDEX kg_institution_name IF NOT EXISTS FOR (n:Institution) ON (n.name);
CREATE INDEX kg_program_name IF NOT EXISTS FOR (n:Program) ON (n.name);
CREATE INDEX kg_region_name IF NOT EXISTS FOR (n:Region) ON (n.name);
CREATE INDEX kg_indicator_name IF NOT EXISTS FOR (n:Indicator) ON (n.name);
