// Constraints and indexes of the kg graph. Applied before every load; every
// statement is idempotent (IF NOT EXISTS) and runs on its own. Works on Neo4j 5
// and on the embedded ArcadeDB. Statements are separated by ';'.

// One node per id and label: MERGE on id uses these indexes.
CREATE CONSTRAINT kg_document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_institution_id IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_program_id IF NOT EXISTS FOR (n:Program) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT kg_indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;

// Lookups analysts make by name, kind and region.
CREATE INDEX kg_institution_name IF NOT EXISTS FOR (n:Institution) ON (n.name);
CREATE INDEX kg_institution_kind IF NOT EXISTS FOR (n:Institution) ON (n.kind);
CREATE INDEX kg_institution_region IF NOT EXISTS FOR (n:Institution) ON (n.region);
CREATE INDEX kg_program_name IF NOT EXISTS FOR (n:Program) ON (n.name);
CREATE INDEX kg_region_name IF NOT EXISTS FOR (n:Region) ON (n.name);
CREATE INDEX kg_indicator_name IF NOT EXISTS FOR (n:Indicator) ON (n.name);
