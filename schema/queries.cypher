// Saved analyst queries: `kg query NAME --param name=value`, `kg query --list`.
//
// Format: each query starts with a `// name:` line, then optional
// `// params:` (comma-separated; `x?` optional, `x=20` optional with a default)
// and `// description:` lines, then one Cypher statement ending with ';'.
//
// $program, $institution, $region, $indicator and $partner are normalised by kg
// before they are sent (full/half width folded, spaces removed, lower case), and
// compared with the normalised names and aliases stored on the nodes (`keys`,
// `region_key`), so 县医院 finds 甲县人民医院 when that is one of its aliases, and
// ＸＸ县 matches XX县. A name matches when it is contained in a key.

// name: participation
// params: program?, region?, institution?, kind?
// description: The participation matrix: institution × program, with region, kind and the documents that say so.
MATCH (i:Institution)-[r:PARTICIPATES_IN]->(p:Program)
WHERE ($program IS NULL OR any(k IN p.keys WHERE k CONTAINS $program))
  AND ($region IS NULL OR i.region_key CONTAINS $region)
  AND ($institution IS NULL OR any(k IN i.keys WHERE k CONTAINS $institution))
  AND ($kind IS NULL OR i.kind = $kind)
WITH i, p, collect(DISTINCT r.document) AS documents, count(r) AS statements
RETURN i.name AS institution, i.region AS region, i.kind AS kind, p.name AS program,
       documents, statements
ORDER BY program, region, institution;

// name: program_institutions
// params: program, region?
// description: The institutions taking part in a program, with the sentences that say so.
MATCH (i:Institution)-[r:PARTICIPATES_IN]->(p:Program)
WHERE any(k IN p.keys WHERE k CONTAINS $program)
  AND ($region IS NULL OR i.region_key CONTAINS $region)
WITH p, i, collect(DISTINCT r.document) AS documents, collect(r.evidence) AS evidence
RETURN p.name AS program, i.name AS institution, i.kind AS kind, i.region AS region,
       documents, evidence
ORDER BY region, institution;

// name: institution_programs
// params: institution, region?
// description: The programs an institution takes part in, with the documents that say so.
MATCH (i:Institution)-[r:PARTICIPATES_IN]->(p:Program)
WHERE any(k IN i.keys WHERE k CONTAINS $institution)
  AND ($region IS NULL OR i.region_key CONTAINS $region)
WITH i, p, collect(DISTINCT r.document) AS documents, collect(r.evidence) AS evidence
RETURN i.name AS institution, i.region AS region, p.name AS program, documents, evidence
ORDER BY institution, program;

// name: partners
// params: institution, region?, kind?
// description: Partners of an institution in both directions (supports / supported by), with the kind of partnership.
MATCH (i:Institution)-[r:PARTNERS_WITH]-(o:Institution)
WHERE any(k IN i.keys WHERE k CONTAINS $institution)
  AND ($region IS NULL OR i.region_key CONTAINS $region)
  AND ($kind IS NULL OR r.kind = $kind)
WITH i, o, r, CASE WHEN startNode(r) = i THEN 'supports' ELSE 'supported by' END AS direction
WITH i, o, direction, r.kind AS kind, collect(DISTINCT r.document) AS documents,
     collect(r.evidence) AS evidence
RETURN i.name AS institution, direction, o.name AS partner, o.region AS partner_region,
       kind, documents, evidence
ORDER BY institution, direction, partner;

// name: indicator_values
// params: indicator, region?, institution?
// description: An indicator's values over time for a region or an institution, each with its document and sentence.
MATCH (s)-[m:MEASURED]->(k:Indicator)
WHERE any(x IN k.keys WHERE x CONTAINS $indicator)
OPTIONAL MATCH (d:Document {id: m.document})
WITH s, m, k, d
WHERE ($region IS NULL
       OR (s:Institution AND s.region_key CONTAINS $region)
       OR (s:Region AND any(x IN s.keys WHERE x CONTAINS $region))
       OR d.region_key CONTAINS $region)
  AND ($institution IS NULL OR (s:Institution AND any(x IN s.keys WHERE x CONTAINS $institution)))
RETURN k.name AS indicator, labels(s)[0] AS subject_type,
       coalesce(s.name, d.region, s.id) AS subject, m.period AS period, d.year AS year,
       m.value AS value, m.unit AS unit, m.raw AS raw, m.document AS document,
       m.evidence AS evidence
ORDER BY indicator, subject, period, year, document;

// name: region_institutions
// params: region, kind?
// description: The institutions of a region, by kind.
MATCH (i:Institution)
WHERE i.region_key CONTAINS $region
  AND ($kind IS NULL OR i.kind = $kind)
RETURN i.region AS region, i.kind AS kind, i.name AS institution, i.aliases AS aliases,
       size(coalesce(i.documents, [])) AS documents
ORDER BY region, kind, institution;

// name: evidence
// params: institution?, program?, indicator?, document?, type?, limit=200
// description: The documents and evidence sentences behind facts (participation, partnership, measurement), filtered by any side.
MATCH (a)-[r]->(b)
WHERE r.evidence IS NOT NULL
  AND ($type IS NULL OR type(r) = $type)
  AND ($document IS NULL OR r.document = $document)
  AND ($institution IS NULL
       OR (a:Institution AND any(k IN a.keys WHERE k CONTAINS $institution))
       OR (b:Institution AND any(k IN b.keys WHERE k CONTAINS $institution)))
  AND ($program IS NULL OR (b:Program AND any(k IN b.keys WHERE k CONTAINS $program)))
  AND ($indicator IS NULL OR (b:Indicator AND any(k IN b.keys WHERE k CONTAINS $indicator)))
OPTIONAL MATCH (d:Document {id: r.document})
RETURN type(r) AS fact, coalesce(a.name, a.title, a.id) AS subject, coalesce(b.name, b.id) AS object,
       r.kind AS kind, r.document AS document, d.title AS title, d.year AS year,
       r.start AS start, r.evidence AS evidence
ORDER BY document, start
LIMIT $limit;

// name: most_connected
// params: region?, limit=20
// description: The most connected institutions: partnerships, program participations and documents.
MATCH (i:Institution)
WHERE $region IS NULL OR i.region_key CONTAINS $region
WITH i, COUNT { (i)-[:PARTNERS_WITH]-() } AS partnerships,
     COUNT { (i)-[:PARTICIPATES_IN]->() } AS participations
RETURN i.name AS institution, i.region AS region, i.kind AS kind, partnerships,
       participations, size(coalesce(i.documents, [])) AS documents,
       partnerships + participations AS degree
ORDER BY degree DESC, documents DESC, institution
LIMIT $limit;

// name: programs
// params: region?
// description: Every program with the number of participating institutions and of documents.
MATCH (p:Program)
OPTIONAL MATCH (i:Institution)-[r:PARTICIPATES_IN]->(p)
WHERE $region IS NULL OR i.region_key CONTAINS $region
WITH p, count(DISTINCT i) AS institutions, collect(DISTINCT r.document) AS documents
RETURN p.name AS program, p.aliases AS aliases, institutions, size(documents) AS documents
ORDER BY institutions DESC, program;

// name: documents
// params: region?, year?
// description: The documents in the store (sorted by id: the ids `kg remove` takes) with their region, year and number of facts.
MATCH (d:Document)
WHERE ($region IS NULL OR d.region_key CONTAINS $region)
  AND ($year IS NULL OR d.year = $year)
WITH d, COUNT { (d)-[:MENTIONS]->() } AS mentions
RETURN d.id AS document, d.title AS title, d.region AS region, d.year AS year,
       d.source AS source, mentions
ORDER BY document;
