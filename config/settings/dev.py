"""Development: `make run`. SQLite, console e-mail, demo users."""

from .base import *
from .base import env

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-insecure-secret-key-not-for-production")
DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
MOTCUA_DEMO_USERS = True
MOTCUA_PAYGOV_SECRETS = env.dict(
    "MOTCUA_PAYGOV_SECRETS", default={"MOTCUA-DEMO": "demo-secret-not-for-production"}
)
MOTCUA_SIGNING_PASSPHRASES = env.dict(
    "MOTCUA_SIGNING_PASSPHRASES", default={"*": "demo-signing-not-for-production"}
)
# The national portal's simulator (`make run` starts it, simulators/dvcqg/): the sync sends there.
USE_DVCQG = env.bool("USE_DVCQG", default=True)
MOTCUA_DVCQG_USERNAME = env.str("MOTCUA_DVCQG_USERNAME", default="motcua")
MOTCUA_DVCQG_PASSWORD = env.str("MOTCUA_DVCQG_PASSWORD", default="demo-secret-not-for-production")
# The national identity's simulator (`make run` starts it, simulators/oidc/): single sign-on.
MOTCUA_OIDC_ISSUER = env.str("MOTCUA_OIDC_ISSUER", default="http://127.0.0.1:8767")
MOTCUA_OIDC_CLIENT_ID = env.str("MOTCUA_OIDC_CLIENT_ID", default="motcua-local")
MOTCUA_OIDC_CLIENT_SECRET = env.str(
    "MOTCUA_OIDC_CLIENT_SECRET", default="demo-secret-not-for-production"
)
# The mobile app's sign-in with the national identity hands its code back here (try it with
# curl: docs/api.md, "Signing in with the national identity").
MOTCUA_API_APP_REDIRECT_URIS = env.list(
    "MOTCUA_API_APP_REDIRECT_URIS", default=["vn.gov.motcua.app:/sso", "http://127.0.0.1:8799/sso"]
)
