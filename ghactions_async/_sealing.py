"""Sealing secret values for GitHub: a libsodium sealed box against a public key.

GitHub stores Actions secrets encrypted with the private half of a key pair
per repository, organization or environment, and hands out the public half
(``GET .../secrets/public-key``). A value sealed with it can only be opened
by GitHub, so the plaintext never leaves this machine. Sealing needs PyNaCl,
an optional extra (``pip install 'ghactions-async[secrets]'``), imported only
here and only when a value is sealed.

No error raised here ever contains the value being sealed.
"""

from __future__ import annotations

import base64
import binascii

INSTALL_HINT = "pip install 'ghactions-async[secrets]'"

KEY_SIZE = 32
"""Bytes in a Curve25519 public key, the kind GitHub hands out."""


def require_nacl() -> None:
    """Raise ImportError, saying how to install it, unless PyNaCl can be imported."""
    try:
        import nacl.public  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            f"setting Actions secrets needs PyNaCl to encrypt their values: {INSTALL_HINT}",
            name="nacl",
        ) from exc


def seal(value: str, public_key: str) -> str:
    """``value`` (UTF-8) in a sealed box for ``public_key`` (base64), as base64 text.

    This is what GitHub expects as ``encrypted_value``. Each call gives a
    different result: a sealed box uses a fresh ephemeral key every time.
    """
    require_nacl()
    from nacl.public import PublicKey, SealedBox

    try:
        raw_key = base64.b64decode(public_key, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the public key from GitHub is not valid base64") from None
    if len(raw_key) != KEY_SIZE:
        raise ValueError(
            f"the public key from GitHub has {len(raw_key)} bytes, "
            f"expected a {KEY_SIZE}-byte Curve25519 key"
        )
    unencodable: int | None = None
    try:
        plaintext = value.encode("utf-8")
    except UnicodeEncodeError as exc:
        unencodable = exc.start
    if unencodable is not None:
        # Raised out here so that the codec's error, which holds the whole value,
        # is not kept as this one's context.
        raise ValueError(f"value cannot be sent as UTF-8 (character {unencodable})")
    sealed = SealedBox(PublicKey(raw_key)).encrypt(plaintext)
    return base64.b64encode(sealed).decode("ascii")
