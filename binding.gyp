# Builds the DTLS addon (native/dtls.c) against the system mbedTLS 2.28 (Debian: libmbedtls-dev).
{
  "targets": [
    {
      "target_name": "dtls",
      "sources": ["native/dtls.c"],
      "cflags": ["-std=c11", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "defines": ["NAPI_VERSION=8"],
      "libraries": ["-lmbedtls", "-lmbedx509", "-lmbedcrypto"]
    }
  ]
}
