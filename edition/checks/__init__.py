"""Conservation: every raw character is in the edition or in the audit, in raw order, in the model
(`conservation`) and again on the published pages and exports (`published`).

May import: `edition.text`, `edition.sources`, `edition.core`; never `edition.site` or `edition.exports`.
"""
