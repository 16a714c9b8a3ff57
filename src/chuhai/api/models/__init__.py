"""The API's response models: what each JSON route answers, as /docs and /openapi.json show
it. Feature modules hand the routes plain dicts and dataclasses; these models name every key
(``extra="forbid"``: a key a feature adds and no model names is a server error in the tests,
never silently dropped)."""
