/*
 * DTLS 1.2 record engine for harness/dtls: one mbedTLS context per session, no sockets.
 * JavaScript feeds received datagrams in, takes the records to send out, and drives the
 * retransmission timer; session policy (addresses, timeouts, eviction, tracing) lives in
 * TypeScript. Key material is copied into mbedTLS and never handed back or printed.
 */
#define _POSIX_C_SOURCE 200809L
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cookie.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>

#define READ_BUFFER_LEN 16384
#define MAX_SUITES 32

#define CHECK(call)                                                          \
  do {                                                                       \
    if ((call) != napi_ok) {                                                 \
      napi_throw_error(env, "ERR_DTLS_NAPI", "N-API call failed: " #call);   \
      return NULL;                                                           \
    }                                                                        \
  } while (0)

/* ---- configuration shared by the sessions of one transport ---------------------------------- */

typedef struct {
  mbedtls_ssl_config conf;
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  mbedtls_ssl_cookie_ctx cookie;
  mbedtls_x509_crt ca;
  mbedtls_x509_crt own_cert;
  mbedtls_pk_context own_key;
  int suites[MAX_SUITES + 1];
  int is_server;
  napi_env env;
  napi_ref psk_lookup; /* server: JS (identity: Buffer) => Buffer | undefined */
} config_t;

typedef struct datagram {
  struct datagram *next;
  size_t len;
  unsigned char bytes[];
} datagram_t;

typedef struct {
  datagram_t *head;
  datagram_t *tail;
} queue_t;

enum { ST_HANDSHAKING = 0, ST_OPEN, ST_CLOSED, ST_FAILED };

typedef struct {
  mbedtls_ssl_context ssl; /* first member: the PSK callback finds its session from &ssl */
  config_t *cfg;
  napi_ref cfg_ref;
  napi_env env;
  int released;
  int state;
  queue_t in;
  queue_t out;
  unsigned char transport_id[64];
  size_t transport_id_len;
  /* retransmission timer, driven from JS */
  uint32_t int_ms, fin_ms;
  struct timespec timer_start;
  /* what happened during the current call, reported to JS */
  int hello_verify_sent;
  int reconnected;
  int psk_lookup_failed;
  unsigned char identity[256];
  size_t identity_len;
  int has_identity;
} session_t;

static void queue_push(queue_t *q, const unsigned char *bytes, size_t len) {
  datagram_t *d = malloc(sizeof(datagram_t) + len);
  if (d == NULL) return;
  d->next = NULL;
  d->len = len;
  memcpy(d->bytes, bytes, len);
  if (q->tail) q->tail->next = d; else q->head = d;
  q->tail = d;
}

static datagram_t *queue_pop(queue_t *q) {
  datagram_t *d = q->head;
  if (d) {
    q->head = d->next;
    if (q->head == NULL) q->tail = NULL;
  }
  return d;
}

static void queue_clear(queue_t *q) {
  datagram_t *d;
  while ((d = queue_pop(q)) != NULL) free(d);
}

/* ---- BIO and timer callbacks ---------------------------------------------------------------- */

static int bio_send(void *ctx, const unsigned char *buf, size_t len) {
  queue_push(&((session_t *)ctx)->out, buf, len);
  return (int)len;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len) {
  datagram_t *d = queue_pop(&((session_t *)ctx)->in);
  if (d == NULL) return MBEDTLS_ERR_SSL_WANT_READ;
  size_t n = d->len < len ? d->len : len;
  memcpy(buf, d->bytes, n);
  free(d);
  return (int)n;
}

static uint64_t elapsed_ms(const struct timespec *since) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  int64_t ms = (int64_t)(now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
  return ms < 0 ? 0 : (uint64_t)ms;
}

static void timer_set(void *ctx, uint32_t int_ms, uint32_t fin_ms) {
  session_t *s = ctx;
  s->int_ms = int_ms;
  s->fin_ms = fin_ms;
  clock_gettime(CLOCK_MONOTONIC, &s->timer_start);
}

static int timer_get(void *ctx) {
  session_t *s = ctx;
  if (s->fin_ms == 0) return -1;
  uint64_t e = elapsed_ms(&s->timer_start);
  if (e >= s->fin_ms) return 2;
  if (e >= s->int_ms) return 1;
  return 0;
}

/* Milliseconds until JS must call pump() again; -1 when no timer runs. */
static int64_t timer_remaining(session_t *s) {
  if (s->fin_ms == 0) return -1;
  uint64_t e = elapsed_ms(&s->timer_start);
  return e >= s->fin_ms ? 0 : (int64_t)(s->fin_ms - e);
}

/* Server side: asks JS for the key of the identity the client presented. */
static int psk_callback(void *p, mbedtls_ssl_context *ssl, const unsigned char *id, size_t id_len) {
  config_t *cfg = p;
  session_t *s = (session_t *)ssl;
  napi_env env = s->env;
  size_t keep = id_len < sizeof(s->identity) ? id_len : sizeof(s->identity);
  memcpy(s->identity, id, keep);
  s->identity_len = keep;
  s->has_identity = 1;
  if (cfg->psk_lookup == NULL) return -1;
  napi_value fn, global, arg, result;
  void *copy;
  if (napi_get_reference_value(env, cfg->psk_lookup, &fn) != napi_ok) return -1;
  if (napi_get_global(env, &global) != napi_ok) return -1;
  if (napi_create_buffer_copy(env, id_len, id, &copy, &arg) != napi_ok) return -1;
  if (napi_call_function(env, global, fn, 1, &arg, &result) != napi_ok) {
    napi_value ignored;
    napi_get_and_clear_last_exception(env, &ignored);
    s->psk_lookup_failed = 1;
    return -1;
  }
  bool is_buffer = false;
  napi_is_buffer(env, result, &is_buffer);
  if (!is_buffer) return -1;
  void *key;
  size_t key_len;
  if (napi_get_buffer_info(env, result, &key, &key_len) != napi_ok || key_len == 0) return -1;
  return mbedtls_ssl_set_hs_psk(ssl, key, key_len) == 0 ? 0 : -1;
}

/* ---- helpers for reading JS options --------------------------------------------------------- */

static int get_prop(napi_env env, napi_value obj, const char *name, napi_value *out) {
  bool has = false;
  if (napi_has_named_property(env, obj, name, &has) != napi_ok || !has) return 0;
  if (napi_get_named_property(env, obj, name, out) != napi_ok) return 0;
  napi_valuetype t;
  napi_typeof(env, *out, &t);
  return t != napi_undefined && t != napi_null;
}

static int get_buffer(napi_env env, napi_value obj, const char *name, void **data, size_t *len) {
  napi_value v;
  bool is_buffer = false;
  if (!get_prop(env, obj, name, &v)) return 0;
  if (napi_is_buffer(env, v, &is_buffer) != napi_ok || !is_buffer) return 0;
  return napi_get_buffer_info(env, v, data, len) == napi_ok;
}

static uint32_t get_uint(napi_env env, napi_value obj, const char *name, uint32_t fallback) {
  napi_value v;
  uint32_t out;
  if (!get_prop(env, obj, name, &v) || napi_get_value_uint32(env, v, &out) != napi_ok) return fallback;
  return out;
}

/* Copies a PEM or DER buffer with a terminating NUL (mbedTLS wants it for PEM). */
static unsigned char *nul_terminated(const void *data, size_t len) {
  unsigned char *copy = malloc(len + 1);
  if (copy) {
    memcpy(copy, data, len);
    copy[len] = 0;
  }
  return copy;
}

static size_t parse_len(const unsigned char *data, size_t len) {
  /* PEM needs the NUL counted; DER must not have it. */
  return (len > 0 && data[0] == '-') ? len + 1 : len;
}

static void throw_mbedtls(napi_env env, const char *what, int ret) {
  char text[160], msg[240];
  mbedtls_strerror(ret, text, sizeof(text));
  snprintf(msg, sizeof(msg), "%s: %s (-0x%04X)", what, text, (unsigned)-ret);
  napi_throw_error(env, "ERR_DTLS_CONFIG", msg);
}

static void config_free(config_t *cfg) {
  if (cfg->psk_lookup) napi_delete_reference(cfg->env, cfg->psk_lookup);
  mbedtls_ssl_config_free(&cfg->conf);
  mbedtls_ssl_cookie_free(&cfg->cookie);
  mbedtls_x509_crt_free(&cfg->ca);
  mbedtls_x509_crt_free(&cfg->own_cert);
  mbedtls_pk_free(&cfg->own_key);
  mbedtls_ctr_drbg_free(&cfg->drbg);
  mbedtls_entropy_free(&cfg->entropy);
  mbedtls_platform_zeroize(cfg, sizeof(*cfg));
  free(cfg);
}

static void config_finalize(napi_env env, void *data, void *hint) {
  config_free(data);
}

/* createConfig({ endpoint, ciphersuites, pskIdentity, pskKey, pskLookup, ca, cert, key,
 *                authMode, handshakeTimeoutMinMs, handshakeTimeoutMaxMs }) */
static napi_value create_config(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value opts, v;
  CHECK(napi_get_cb_info(env, info, &argc, &opts, NULL, NULL));
  if (argc < 1) {
    napi_throw_type_error(env, NULL, "createConfig(options) expects an object");
    return NULL;
  }
  config_t *cfg = calloc(1, sizeof(config_t));
  if (cfg == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  cfg->env = env;
  mbedtls_ssl_config_init(&cfg->conf);
  mbedtls_entropy_init(&cfg->entropy);
  mbedtls_ctr_drbg_init(&cfg->drbg);
  mbedtls_ssl_cookie_init(&cfg->cookie);
  mbedtls_x509_crt_init(&cfg->ca);
  mbedtls_x509_crt_init(&cfg->own_cert);
  mbedtls_pk_init(&cfg->own_key);

  char endpoint[16] = "client";
  if (get_prop(env, opts, "endpoint", &v)) napi_get_value_string_utf8(env, v, endpoint, sizeof(endpoint), NULL);
  cfg->is_server = strcmp(endpoint, "server") == 0;

  int ret;
  static const char pers[] = "lwm2m-conformance-dtls";
  if ((ret = mbedtls_ctr_drbg_seed(&cfg->drbg, mbedtls_entropy_func, &cfg->entropy,
                                   (const unsigned char *)pers, sizeof(pers) - 1)) != 0) {
    throw_mbedtls(env, "seeding the random generator", ret);
    goto fail;
  }
  if ((ret = mbedtls_ssl_config_defaults(&cfg->conf,
                                         cfg->is_server ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT,
                                         MBEDTLS_SSL_TRANSPORT_DATAGRAM, MBEDTLS_SSL_PRESET_DEFAULT)) != 0) {
    throw_mbedtls(env, "configuration defaults", ret);
    goto fail;
  }
  mbedtls_ssl_conf_min_version(&cfg->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
  mbedtls_ssl_conf_rng(&cfg->conf, mbedtls_ctr_drbg_random, &cfg->drbg);
  mbedtls_ssl_conf_handshake_timeout(&cfg->conf, get_uint(env, opts, "handshakeTimeoutMinMs", 1000),
                                     get_uint(env, opts, "handshakeTimeoutMaxMs", 60000));

  if (get_prop(env, opts, "ciphersuites", &v)) {
    uint32_t n = 0;
    napi_get_array_length(env, v, &n);
    if (n == 0 || n > MAX_SUITES) {
      napi_throw_error(env, "ERR_DTLS_CONFIG", "ciphersuites: give between 1 and 32 suites");
      goto fail;
    }
    for (uint32_t i = 0; i < n; i++) {
      napi_value item;
      char name[96] = "";
      napi_get_element(env, v, i, &item);
      napi_get_value_string_utf8(env, item, name, sizeof(name), NULL);
      int id = mbedtls_ssl_get_ciphersuite_id(name);
      if (id == 0) {
        char msg[160];
        snprintf(msg, sizeof(msg), "cipher suite %s is not available in this mbedTLS build", name);
        napi_throw_error(env, "ERR_DTLS_CONFIG", msg);
        goto fail;
      }
      cfg->suites[i] = id;
    }
    cfg->suites[n] = 0;
    mbedtls_ssl_conf_ciphersuites(&cfg->conf, cfg->suites);
  }

  void *data, *data2;
  size_t len, len2;
  if (get_buffer(env, opts, "pskKey", &data, &len) && get_buffer(env, opts, "pskIdentity", &data2, &len2)) {
    if ((ret = mbedtls_ssl_conf_psk(&cfg->conf, data, len, data2, len2)) != 0) {
      throw_mbedtls(env, "PSK", ret);
      goto fail;
    }
  }
  if (get_prop(env, opts, "pskLookup", &v)) {
    CHECK(napi_create_reference(env, v, 1, &cfg->psk_lookup));
    mbedtls_ssl_conf_psk_cb(&cfg->conf, psk_callback, cfg);
  }

  if (get_buffer(env, opts, "ca", &data, &len)) {
    unsigned char *copy = nul_terminated(data, len);
    ret = copy ? mbedtls_x509_crt_parse(&cfg->ca, copy, parse_len(copy, len)) : MBEDTLS_ERR_X509_ALLOC_FAILED;
    free(copy);
    if (ret != 0) {
      throw_mbedtls(env, "parsing the trusted certificates", ret);
      goto fail;
    }
    mbedtls_ssl_conf_ca_chain(&cfg->conf, &cfg->ca, NULL);
  }
  if (get_buffer(env, opts, "cert", &data, &len) && get_buffer(env, opts, "key", &data2, &len2)) {
    unsigned char *copy = nul_terminated(data, len);
    ret = copy ? mbedtls_x509_crt_parse(&cfg->own_cert, copy, parse_len(copy, len)) : MBEDTLS_ERR_X509_ALLOC_FAILED;
    free(copy);
    if (ret != 0) {
      throw_mbedtls(env, "parsing the own certificate", ret);
      goto fail;
    }
    copy = nul_terminated(data2, len2);
    ret = copy ? mbedtls_pk_parse_key(&cfg->own_key, copy, parse_len(copy, len2), NULL, 0) : MBEDTLS_ERR_PK_ALLOC_FAILED;
    if (copy) {
      mbedtls_platform_zeroize(copy, len2 + 1);
      free(copy);
    }
    if (ret != 0) {
      throw_mbedtls(env, "parsing the private key", ret);
      goto fail;
    }
    if ((ret = mbedtls_ssl_conf_own_cert(&cfg->conf, &cfg->own_cert, &cfg->own_key)) != 0) {
      throw_mbedtls(env, "own certificate", ret);
      goto fail;
    }
  }

  char auth[16] = "";
  if (get_prop(env, opts, "authMode", &v)) napi_get_value_string_utf8(env, v, auth, sizeof(auth), NULL);
  if (strcmp(auth, "none") == 0) mbedtls_ssl_conf_authmode(&cfg->conf, MBEDTLS_SSL_VERIFY_NONE);
  else if (strcmp(auth, "optional") == 0) mbedtls_ssl_conf_authmode(&cfg->conf, MBEDTLS_SSL_VERIFY_OPTIONAL);
  else if (strcmp(auth, "required") == 0) mbedtls_ssl_conf_authmode(&cfg->conf, MBEDTLS_SSL_VERIFY_REQUIRED);

  if (cfg->is_server) {
    if ((ret = mbedtls_ssl_cookie_setup(&cfg->cookie, mbedtls_ctr_drbg_random, &cfg->drbg)) != 0) {
      throw_mbedtls(env, "cookie setup", ret);
      goto fail;
    }
    mbedtls_ssl_conf_dtls_cookies(&cfg->conf, mbedtls_ssl_cookie_write, mbedtls_ssl_cookie_check, &cfg->cookie);
  }

  napi_value result;
  if (napi_create_external(env, cfg, config_finalize, NULL, &result) != napi_ok) goto fail;
  return result;
fail:
  config_free(cfg);
  return NULL;
}

/* ---- sessions ------------------------------------------------------------------------------- */

static void session_release(napi_env env, session_t *s) {
  if (s->released) return;
  s->released = 1;
  mbedtls_ssl_free(&s->ssl);
  queue_clear(&s->in);
  queue_clear(&s->out);
  if (s->cfg_ref) napi_delete_reference(env, s->cfg_ref);
  s->cfg_ref = NULL;
}

static void session_finalize(napi_env env, void *data, void *hint) {
  session_release(env, data);
  free(data);
}

static session_t *get_session(napi_env env, napi_value v) {
  void *data = NULL;
  if (napi_get_value_external(env, v, &data) != napi_ok || data == NULL) {
    napi_throw_type_error(env, NULL, "expected a DTLS session");
    return NULL;
  }
  session_t *s = data;
  if (s->released) {
    napi_throw_error(env, "ERR_DTLS_RELEASED", "DTLS session already released");
    return NULL;
  }
  s->env = env;
  s->hello_verify_sent = 0;
  s->reconnected = 0;
  return s;
}

/* createSession(config, { transportId?: Buffer, hostname?: string, mtu?: number }) */
static napi_value create_session(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], v;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  config_t *cfg = NULL;
  if (argc < 2 || napi_get_value_external(env, argv[0], (void **)&cfg) != napi_ok || cfg == NULL) {
    napi_throw_type_error(env, NULL, "createSession(config, options)");
    return NULL;
  }
  session_t *s = calloc(1, sizeof(session_t));
  if (s == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  s->cfg = cfg;
  s->env = env;
  mbedtls_ssl_init(&s->ssl);
  int ret = mbedtls_ssl_setup(&s->ssl, &cfg->conf);
  if (ret != 0) {
    mbedtls_ssl_free(&s->ssl);
    free(s);
    throw_mbedtls(env, "session setup", ret);
    return NULL;
  }
  mbedtls_ssl_set_bio(&s->ssl, s, bio_send, bio_recv, NULL);
  mbedtls_ssl_set_timer_cb(&s->ssl, s, timer_set, timer_get);
  void *data;
  size_t len;
  if (get_buffer(env, argv[1], "transportId", &data, &len)) {
    s->transport_id_len = len < sizeof(s->transport_id) ? len : sizeof(s->transport_id);
    memcpy(s->transport_id, data, s->transport_id_len);
    mbedtls_ssl_set_client_transport_id(&s->ssl, s->transport_id, s->transport_id_len);
  }
  if (get_prop(env, argv[1], "hostname", &v)) {
    char host[256] = "";
    napi_get_value_string_utf8(env, v, host, sizeof(host), NULL);
    mbedtls_ssl_set_hostname(&s->ssl, host);
  }
  uint32_t mtu = get_uint(env, argv[1], "mtu", 0);
  if (mtu > 0) mbedtls_ssl_set_mtu(&s->ssl, (uint16_t)mtu);
  napi_create_reference(env, argv[0], 1, &s->cfg_ref);
  napi_value result;
  if (napi_create_external(env, s, session_finalize, NULL, &result) != napi_ok) {
    session_release(env, s);
    free(s);
    return NULL;
  }
  return result;
}

static napi_value session_arg(napi_env env, napi_callback_info info, session_t **s, napi_value *second) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1) {
    napi_throw_type_error(env, NULL, "expected a DTLS session");
    return NULL;
  }
  *s = get_session(env, argv[0]);
  if (second) *second = argc > 1 ? argv[1] : NULL;
  return *s ? argv[0] : NULL;
}

static napi_value state_name(napi_env env, int state) {
  static const char *names[] = {"handshaking", "open", "closed", "failed"};
  napi_value v;
  napi_create_string_utf8(env, names[state], NAPI_AUTO_LENGTH, &v);
  return v;
}

static void set_int(napi_env env, napi_value obj, const char *name, int64_t value) {
  napi_value v;
  napi_create_int64(env, value, &v);
  napi_set_named_property(env, obj, name, v);
}

static void set_str(napi_env env, napi_value obj, const char *name, const char *value) {
  napi_value v;
  napi_create_string_utf8(env, value, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, obj, name, v);
}

static void set_bool(napi_env env, napi_value obj, const char *name, int value) {
  napi_value v;
  napi_get_boolean(env, value != 0, &v);
  napi_set_named_property(env, obj, name, v);
}

/* Moves the queued outgoing records into a JS array of Buffers. */
static napi_value take_output(napi_env env, session_t *s) {
  napi_value arr;
  napi_create_array(env, &arr);
  uint32_t i = 0;
  datagram_t *d;
  while ((d = queue_pop(&s->out)) != NULL) {
    napi_value buf;
    void *copy;
    if (napi_create_buffer_copy(env, d->len, d->bytes, &copy, &buf) == napi_ok) napi_set_element(env, arr, i++, buf);
    free(d);
  }
  return arr;
}

/* The common result: { state, out, data, timerMs, helloVerifySent, reconnected, error? } */
static napi_value result_of(napi_env env, session_t *s, napi_value data, int error) {
  napi_value r;
  napi_create_object(env, &r);
  napi_set_named_property(env, r, "state", state_name(env, s->state));
  napi_set_named_property(env, r, "out", take_output(env, s));
  if (data) napi_set_named_property(env, r, "data", data);
  set_int(env, r, "timerMs", s->state == ST_HANDSHAKING || s->state == ST_OPEN ? timer_remaining(s) : -1);
  if (s->hello_verify_sent) set_bool(env, r, "helloVerifySent", 1);
  if (s->reconnected) set_bool(env, r, "reconnected", 1);
  if (error != 0) {
    napi_value e;
    char text[160];
    napi_create_object(env, &e);
    set_int(env, e, "code", error);
    mbedtls_strerror(error, text, sizeof(text));
    set_str(env, e, "text", text);
    if (error == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE && s->ssl.in_msg != NULL) {
      set_int(env, e, "alertReceived", s->ssl.in_msg[1]);
    }
    uint32_t flags = mbedtls_ssl_get_verify_result(&s->ssl);
    if (error == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED && flags != 0 && flags != (uint32_t)-1) {
      char vinfo[512];
      mbedtls_x509_crt_verify_info(vinfo, sizeof(vinfo), "", flags);
      set_int(env, e, "verifyFlags", flags);
      set_str(env, e, "verifyText", vinfo);
    }
    if (s->psk_lookup_failed) set_bool(env, e, "pskLookupThrew", 1);
    napi_set_named_property(env, r, "error", e);
  }
  return r;
}

/* feed(session, datagram): queues one received datagram. */
static napi_value feed(napi_env env, napi_callback_info info) {
  session_t *s;
  napi_value buf;
  if (!session_arg(env, info, &s, &buf)) return NULL;
  void *data;
  size_t len;
  bool is_buffer = false;
  if (buf == NULL || napi_is_buffer(env, buf, &is_buffer) != napi_ok || !is_buffer ||
      napi_get_buffer_info(env, buf, &data, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "feed(session, Buffer)");
    return NULL;
  }
  queue_push(&s->in, data, len);
  return NULL;
}

/* pump(session): advances the handshake and/or reads application data from queued datagrams;
 * also the call to make when timerMs has elapsed. */
static napi_value pump(napi_env env, napi_callback_info info) {
  session_t *s;
  if (!session_arg(env, info, &s, NULL)) return NULL;
  napi_value data;
  napi_create_array(env, &data);
  uint32_t n = 0;
  int error = 0;
  unsigned char *buf = NULL;
  for (;;) {
    if (s->state == ST_HANDSHAKING) {
      int ret = mbedtls_ssl_handshake(&s->ssl);
      if (ret == 0) {
        s->state = ST_OPEN;
      } else if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
        break;
      } else if (ret == MBEDTLS_ERR_SSL_HELLO_VERIFY_REQUIRED) {
        /* The HelloVerifyRequest went out; the next ClientHello must carry the cookie. */
        s->hello_verify_sent = 1;
        mbedtls_ssl_session_reset(&s->ssl);
        if (s->transport_id_len) mbedtls_ssl_set_client_transport_id(&s->ssl, s->transport_id, s->transport_id_len);
        if (s->in.head == NULL) break;
        continue;
      } else {
        /* mbedTLS refuses a missing client certificate silently; RFC 5246 §7.4.6 answers it with
         * handshake_failure, which tells the peer why. */
        if (ret == MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE) {
          mbedtls_ssl_send_alert_message(&s->ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL, MBEDTLS_SSL_ALERT_MSG_HANDSHAKE_FAILURE);
        }
        s->state = ST_FAILED;
        error = ret;
        break;
      }
    }
    if (s->state != ST_OPEN) break;
    if (buf == NULL && (buf = malloc(READ_BUFFER_LEN)) == NULL) break;
    int ret = mbedtls_ssl_read(&s->ssl, buf, READ_BUFFER_LEN);
    if (ret > 0) {
      napi_value chunk;
      void *copy;
      if (napi_create_buffer_copy(env, (size_t)ret, buf, &copy, &chunk) == napi_ok) napi_set_element(env, data, n++, chunk);
      continue;
    }
    if (ret == 0 || ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) break;
    if (ret == MBEDTLS_ERR_SSL_HELLO_VERIFY_REQUIRED) {
      s->hello_verify_sent = 1; /* a ClientHello without a valid cookie on an open session */
      continue;
    }
    if (ret == MBEDTLS_ERR_SSL_CLIENT_RECONNECT) {
      /* RFC 6347 §4.2.8: a new handshake from the same address replaces this session. */
      s->reconnected = 1;
      s->state = ST_HANDSHAKING;
      continue;
    }
    if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
      s->state = ST_CLOSED;
      break;
    }
    s->state = ST_FAILED;
    error = ret;
    break;
  }
  free(buf);
  return result_of(env, s, data, error);
}

/* write(session, plaintext): encrypts one datagram's worth of application data. */
static napi_value write_data(napi_env env, napi_callback_info info) {
  session_t *s;
  napi_value buf;
  if (!session_arg(env, info, &s, &buf)) return NULL;
  void *data;
  size_t len;
  bool is_buffer = false;
  if (buf == NULL || napi_is_buffer(env, buf, &is_buffer) != napi_ok || !is_buffer ||
      napi_get_buffer_info(env, buf, &data, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "write(session, Buffer)");
    return NULL;
  }
  int error = 0;
  if (s->state != ST_OPEN) {
    error = MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  } else {
    int ret = mbedtls_ssl_write(&s->ssl, data, len);
    if (ret < 0 && ret != MBEDTLS_ERR_SSL_WANT_WRITE) error = ret;
    else if (ret >= 0 && (size_t)ret < len) error = MBEDTLS_ERR_SSL_BAD_INPUT_DATA; /* larger than a record */
  }
  return result_of(env, s, NULL, error);
}

/* closeNotify(session): sends close_notify and marks the session closed. */
static napi_value close_notify(napi_env env, napi_callback_info info) {
  session_t *s;
  if (!session_arg(env, info, &s, NULL)) return NULL;
  if (s->state == ST_OPEN) mbedtls_ssl_close_notify(&s->ssl);
  if (s->state == ST_OPEN || s->state == ST_HANDSHAKING) s->state = ST_CLOSED;
  return result_of(env, s, NULL, 0);
}

/* info(session): negotiated parameters; never key material. */
static napi_value session_info(napi_env env, napi_callback_info info) {
  session_t *s;
  if (!session_arg(env, info, &s, NULL)) return NULL;
  napi_value r;
  napi_create_object(env, &r);
  napi_set_named_property(env, r, "state", state_name(env, s->state));
  if (s->state == ST_OPEN || s->state == ST_CLOSED) {
    set_str(env, r, "cipherSuite", mbedtls_ssl_get_ciphersuite(&s->ssl));
    set_str(env, r, "version", mbedtls_ssl_get_version(&s->ssl));
  }
  if (s->has_identity) {
    napi_value id;
    void *copy;
    napi_create_buffer_copy(env, s->identity_len, s->identity, &copy, &id);
    napi_set_named_property(env, r, "pskIdentity", id);
  }
  const mbedtls_x509_crt *peer = mbedtls_ssl_get_peer_cert(&s->ssl);
  if (peer != NULL) {
    char dn[512];
    napi_value cert;
    napi_create_object(env, &cert);
    if (mbedtls_x509_dn_gets(dn, sizeof(dn), &peer->subject) > 0) set_str(env, cert, "subject", dn);
    if (mbedtls_x509_dn_gets(dn, sizeof(dn), &peer->issuer) > 0) set_str(env, cert, "issuer", dn);
    napi_value raw;
    void *copy;
    napi_create_buffer_copy(env, peer->raw.len, peer->raw.p, &copy, &raw);
    napi_set_named_property(env, cert, "der", raw);
    napi_set_named_property(env, r, "peerCertificate", cert);
  }
  uint32_t flags = mbedtls_ssl_get_verify_result(&s->ssl);
  if (flags != (uint32_t)-1) set_int(env, r, "verifyFlags", flags);
  return r;
}

/* release(session): frees the mbedTLS state now rather than at garbage collection. */
static napi_value release(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg;
  CHECK(napi_get_cb_info(env, info, &argc, &arg, NULL, NULL));
  void *data = NULL;
  if (argc >= 1 && napi_get_value_external(env, arg, &data) == napi_ok && data != NULL) session_release(env, data);
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"createConfig", NULL, create_config, NULL, NULL, NULL, napi_default, NULL},
    {"createSession", NULL, create_session, NULL, NULL, NULL, napi_default, NULL},
    {"feed", NULL, feed, NULL, NULL, NULL, napi_default, NULL},
    {"pump", NULL, pump, NULL, NULL, NULL, napi_default, NULL},
    {"write", NULL, write_data, NULL, NULL, NULL, napi_default, NULL},
    {"closeNotify", NULL, close_notify, NULL, NULL, NULL, napi_default, NULL},
    {"info", NULL, session_info, NULL, NULL, NULL, napi_default, NULL},
    {"release", NULL, release, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props));
  char version[32];
  mbedtls_version_get_string_full(version);
  napi_value v;
  napi_create_string_utf8(env, version, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, exports, "mbedtlsVersion", v);
  return exports;
}

NAPI_MODULE_INIT() {
  return init(env, exports);
}
