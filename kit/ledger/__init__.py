"""Load and validate a ledger: the curated tables of one article's figures.

A ledger is a folder holding ``datapackage.json`` (a Frictionless Data Package that describes every table
and names the seed article), the CSV tables it lists, and the article text. The data package is the single
source of truth for columns, types, enums, ranges and keys: the validator reads its rules from there, so
other tools that read Table Schema agree with the kit.

Every problem is reported as ``PATH:LINE: COLUMN: message`` with LINE as an editor shows it. Nothing is
dropped silently: a row that cannot be read is a problem, never a skipped row, and a broken row does not
hide the rows after it. What spreadsheets do to these files, and how the kit answers each, is in
``kit/data/README.md``.

The modules, one job each: ``problems`` (Problem, LedgerError, the collector), ``model`` (the version-2
model and the defaults of a new ledger, from ``model.json``), ``datapackage`` (checking datapackage.json),
``identity`` (the article's outlet, date, address, byline, language), ``lines`` (bytes to rows with editor
lines), ``cells`` (what a cell holds), ``schema`` (Table Schema rules and keys), ``quotes`` (cells checked
against the article), ``hedges`` (bounds checked against the words), ``dates`` (ISO 8601 periods and
publication dates), ``claim_rules`` (a claim's figure, range, kind and time), ``rules`` (units, coordinates,
unused sources), ``check`` (one pass over a folder), ``load`` (cache and loaders), ``docs`` (the README's
tables), ``scaffold`` and ``migrate`` (the ``new`` and ``migrate`` commands), ``corpus`` (many ledgers of one story),
``catalog`` (the ``catalog`` command: a corpus as a Frictionless data catalog).
"""

# Each public name is re-exported as `name as name`, so kit.ledger.NAME keeps working wherever it moved.
from kit.ledger.check import Article as Article
from kit.ledger.corpus import corpus as corpus
from kit.ledger.corpus import corpus_sources as corpus_sources
from kit.ledger.datapackage import PACKAGE_FILE as PACKAGE_FILE
from kit.ledger.datapackage import TABLES as TABLES
from kit.ledger.load import article as article
from kit.ledger.load import claims as claims
from kit.ledger.load import claims_with_sources as claims_with_sources
from kit.ledger.load import ledger_dir as ledger_dir
from kit.ledger.load import ledger_version as ledger_version
from kit.ledger.load import nonfigures as nonfigures
from kit.ledger.load import package as package
from kit.ledger.load import places as places
from kit.ledger.load import sources as sources
from kit.ledger.load import unchecked_article as unchecked_article
from kit.ledger.load import validate as validate
from kit.ledger.problems import LedgerError as LedgerError
from kit.ledger.problems import Problem as Problem
