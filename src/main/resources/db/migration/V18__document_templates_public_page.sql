-- Statutory documents (issue 14, item 2): every kind the flows issue is kept with what the PDF needs.
-- addressee: 主送; issuer: 发文机关 and 落款; audience: PETITIONER (a notice to the petitioner, also
-- offered on the petitioner's page) or UNIT (a letter to a unit); public_body: the petitioner's copy,
-- written at issue time without internal names (the staff copy is body).
ALTER TABLE xf_document ADD COLUMN addressee VARCHAR(200);
ALTER TABLE xf_document ADD COLUMN issuer VARCHAR(200);
ALTER TABLE xf_document ADD COLUMN audience VARCHAR(16) DEFAULT 'UNIT' NOT NULL;
ALTER TABLE xf_document ADD COLUMN public_body VARCHAR(8000);
CREATE INDEX ix_xf_document_public_case ON xf_document (case_number, audience, issued_at);

-- Templates administrators changed (documents/DocumentTemplates). A kind without a row uses the
-- default shipped in the jar; deleting the row restores it. A change applies to documents issued later:
-- issued documents keep their text.
CREATE TABLE xf_document_template (
  kind        VARCHAR(16)   NOT NULL,
  title       VARCHAR(200)  NOT NULL,
  addressee   VARCHAR(200)  NOT NULL,
  body        VARCHAR(8000) NOT NULL,
  updated_by  VARCHAR(64)   NOT NULL,
  updated_at  TIMESTAMP     NOT NULL,
  CONSTRAINT pk_xf_document_template PRIMARY KEY (kind)
);

-- The key that signs the petitioner page's session cookie (petitioner/PetitionerSessions), one for all
-- nodes: created once at first use (insert-if-absent), so a cookie issued by one node is good on another.
CREATE TABLE xf_public_secret (
  name        VARCHAR(32)   NOT NULL,
  secret      VARCHAR(128)  NOT NULL,
  created_at  TIMESTAMP     NOT NULL,
  CONSTRAINT pk_xf_public_secret PRIMARY KEY (name)
);
