"""The API's answers do not vary with cookies: shared caches may keep one copy for all."""

API_PREFIX = "/api/"


class ApiVaryMiddleware:
    """Take "Cookie" out of the Vary header of the API's data (JSON, the schema).

    Nothing of the API reads a cookie: it signs nobody in and takes its language from
    ``?lang=`` or Accept-Language. The session middleware still says "Vary: Cookie"
    once another middleware has looked at the session, and that keeps every shared
    cache from reusing an answer. Placed above the session middleware, this one sees
    the answer after it. The reference page (HTML) keeps the header: it reads the
    language switcher's cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if request.path.startswith(API_PREFIX) and content_type.startswith("application/"):
            kept = [
                value.strip()
                for value in response.get("Vary", "").split(",")
                if value.strip() and value.strip().lower() != "cookie"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            elif "Vary" in response:
                del response["Vary"]
        return response
