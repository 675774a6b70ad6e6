"""A small client of the API written from its OpenAPI schema alone.

It knows the operations by their ``operationId``, builds their addresses from the
schema's paths, and checks every answer's body against the schema's response schema.
"""

from urllib.parse import urlencode

from openapi_schema_validator import OAS31Validator, oas31_format_checker

JSON = "application/json"


class SchemaClient:
    def __init__(self, client, spec):
        self.client = client
        self.spec = spec
        self.operations = {
            operation["operationId"]: (path, method, operation)
            for path, methods in spec["paths"].items()
            for method, operation in methods.items()
            if isinstance(operation, dict) and "operationId" in operation
        }

    def url(self, operation_id, *, path=None, query=None):
        """Return the address of ``operation_id`` with its path and query parameters."""
        template, _method, operation = self.operations[operation_id]
        known = {parameter["name"] for parameter in operation.get("parameters", [])}
        unknown = set(query or {}) - known
        assert not unknown, f"{operation_id} has no parameters {unknown}"
        address = template.format(**(path or {}))
        return f"{address}?{urlencode(query)}" if query else address

    def response_schema(self, operation_id, status):
        _path, _method, operation = self.operations[operation_id]
        content = operation["responses"][str(status)]["content"][JSON]
        # The references point into the schema's components: validate against the whole.
        return {**content["schema"], "components": self.spec["components"]}

    def get(self, operation_id, *, path=None, query=None, status=200, **headers):
        """GET ``operation_id``; check the status and the body against the schema."""
        response = self.client.get(self.url(operation_id, path=path, query=query), **headers)
        assert response.status_code == status, response.content[:500]
        if status in (200, 404):
            body = response.json()
            validator = OAS31Validator(
                self.response_schema(operation_id, status), format_checker=oas31_format_checker
            )
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
            assert errors == [], errors[:5]
        return response
