"""TC3-HMAC-SHA256, the signature Tencent Cloud API v3 checks, with the standard library only.

Signs `content-type;host` as Tencent's SDKs do: the host without its port, the body's exact bytes.
"""
import hashlib
import hmac
import time

ALGORITHM = "TC3-HMAC-SHA256"


def _hmac(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def sign(secret_id, secret_key, host, body, content_type="application/json", service="redis", timestamp=None):
    """The Authorization header's value and the X-TC-Timestamp it was made for."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    date = time.strftime("%Y-%m-%d", time.gmtime(timestamp))  # the UTC date, not the local one
    canonical = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:{content_type.lower()}\nhost:{host.lower()}\n",
            "content-type;host",
            hashlib.sha256(body).hexdigest(),
        ]
    )
    scope = f"{date}/{service}/tc3_request"
    to_sign = f"{ALGORITHM}\n{timestamp}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    key = _hmac(_hmac(_hmac(("TC3" + secret_key).encode(), date), service), "tc3_request")
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    authorization = f"{ALGORITHM} Credential={secret_id}/{scope}, SignedHeaders=content-type;host, Signature={signature}"
    return authorization, timestamp
