"""Sealing secret values for GitHub: a libsodium sealed box against a public key.

GitHub stores Actions secrets encrypted with the private half of a key pair
per repository, organization or environment, and hands out the public half
(``GET .../secrets/public-key``). A value sealed with it can only be opened
by GitHub, so the plaintext never leaves this machine. Sealing needs PyNaCl,
an optional extra (``pip install 'ghactions-async[secrets]'``), imported only
here and only when a value is sealed.

No error raised here ever contains the value being sealed, and a key that
cannot seal is refused (``ValueError`` naming its id) before the value is
used at all.
"""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nacl.public import PublicKey, SealedBox

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


def seal(value: str, public_key: str, *, key_id: str | None = None) -> str:
    """``value`` (UTF-8) in a sealed box for ``public_key`` (base64), as base64 text.

    This is what GitHub expects as ``encrypted_value``. Each call gives a
    different result: a sealed box uses a fresh ephemeral key every time. A
    key that cannot seal raises ``ValueError`` naming ``key_id``, before
    the value is touched.
    """
    box = sealed_box(public_key, key_id=key_id)
    unencodable: int | None = None
    try:
        plaintext = value.encode("utf-8")
    except UnicodeEncodeError as exc:
        unencodable = exc.start
    if unencodable is not None:
        # Raised out here so that the codec's error, which holds the whole value,
        # is not kept as this one's context.
        raise ValueError(f"value cannot be sent as UTF-8 (character {unencodable})")
    return base64.b64encode(box.encrypt(plaintext)).decode("ascii")


def sealed_box(public_key: str, *, key_id: str | None = None) -> SealedBox[PublicKey]:
    """A sealed box for GitHub's ``public_key``, tried out on an empty message first.

    GitHub's key must be 32 bytes of base64 and a point libsodium accepts:
    it refuses low-order points (all zeros, say) with an opaque
    ``RuntimeError``. Any of these raises ``ValueError`` naming the key, and
    no error of PyNaCl's is kept as its context.
    """
    require_nacl()
    from nacl.exceptions import CryptoError
    from nacl.public import PublicKey, SealedBox

    which = f"the public key {key_id!r} from GitHub" if key_id else "the public key from GitHub"
    try:
        raw_key = base64.b64decode(public_key, validate=True)
    except (binascii.Error, ValueError, TypeError):
        raw_key = None
    if raw_key is None:
        raise ValueError(f"{which} is not valid base64")
    if len(raw_key) != KEY_SIZE:
        raise ValueError(
            f"{which} has {len(raw_key)} bytes, expected a {KEY_SIZE}-byte Curve25519 key"
        )
    box: SealedBox[PublicKey] | None
    try:
        box = SealedBox(PublicKey(raw_key))
        box.encrypt(b"")
    except (CryptoError, TypeError, ValueError):
        box = None
    if box is None:
        raise ValueError(
            f"{which} cannot seal secrets: libsodium refuses it (a low-order point, "
            "such as all zeros); fetch the key again or ask GitHub support"
        )
    return box
