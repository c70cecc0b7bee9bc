/* FROZEN COPY of <sb/plugin_abi.h> as released with ABI 1.0 (commit 543bc0b). Never edit:
 * tests/sdk builds a plugin against it to prove every later 1.x host still loads 1.0 plugins. */
/*
 * sb plugin ABI — the only contract between the sb host and a converter plugin.
 *
 * Plain C (C11 / C++17 and later), standard headers only. Everything that crosses
 * the boundary is a fixed-width integer, a double, a `const char *` (UTF-8,
 * NUL-terminated), a function pointer or a struct whose first member is its own
 * size. No exception may cross: every function a plugin hands to the host must
 * return normally (the C++ layer in <sb/converter.hpp> guarantees this).
 *
 * Versioning (see docs/adr/ADR-001-converter-interface.md):
 *  - SB_ABI_VERSION_MAJOR changes only when a released struct or function
 *    signature changes incompatibly; the host refuses a plugin with another major.
 *  - SB_ABI_VERSION_MINOR grows when fields are appended to the end of a struct
 *    or functions are appended to a function table. The host accepts a plugin whose
 *    minor is <= its own, and reads a struct only up to the struct_size the other
 *    side wrote. A plugin reads sb_host_api only up to host->struct_size.
 *
 * Ownership: every pointer in a descriptor the plugin returns (strings, arrays,
 * function pointers) is owned by the plugin and must stay valid until the process
 * exits — the host never unloads a plugin. Pointers the host passes in (sb_job,
 * sb_host_api, path strings) are owned by the host and valid only for the duration
 * of the call that received them, unless stated otherwise.
 */
#ifndef SB_PLUGIN_ABI_H
#define SB_PLUGIN_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SB_ABI_VERSION_MAJOR 1u
#define SB_ABI_VERSION_MINOR 0u

/* The one symbol a plugin exports: a const sb_plugin_entry_t data object. */
#define SB_PLUGIN_ENTRY_SYMBOL "sb_plugin_entry"

#if defined(_WIN32)
#define SB_PLUGIN_EXPORT __declspec(dllexport)
#else
#define SB_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* ---- status codes returned by plugin functions --------------------------- */
typedef int32_t sb_status;
#define SB_STATUS_OK 0        /* the output is complete */
#define SB_STATUS_FAILED 1    /* the job failed; the reason was given with set_error */
#define SB_STATUS_CANCELLED 2 /* the job stopped because is_cancelled() returned non-zero */

/* ---- log levels for sb_host_api.log -------------------------------------- */
typedef int32_t sb_log_level;
#define SB_LOG_DEBUG 0   /* shown with -v */
#define SB_LOG_INFO 1    /* shown with -v: decisions worth knowing (e.g. "video h264 -> copy") */
#define SB_LOG_WARNING 2 /* always shown, attached to the file's result line */
#define SB_LOG_ERROR 3   /* always shown */

/* ---- option descriptors -------------------------------------------------- */
/* The host builds the sub-command's command line, --help, validation and
 * defaults from these; the plugin never parses arguments itself. */
typedef int32_t sb_option_type;
#define SB_OPTION_FLAG 1    /* boolean switch, no value (--strip-metadata) */
#define SB_OPTION_INT 2     /* 64-bit integer, optional inclusive range */
#define SB_OPTION_FLOAT 3   /* double, optional inclusive range */
#define SB_OPTION_STRING 4  /* free text */
#define SB_OPTION_CHOICE 5  /* one of `choices` (exact, case-sensitive) */
#define SB_OPTION_BITRATE 6 /* bits per second: "192000", "192k", "2M", "2.5M"; optional range */

/* sb_option_desc.flags */
#define SB_OPTION_HAS_RANGE 0x1u /* min_value/max_value apply (INT, FLOAT, BITRATE) */

typedef struct sb_option_desc {
    uint32_t struct_size;     /* sizeof(sb_option_desc) as the plugin was built */
    const char *name;         /* long name without dashes, [a-z0-9-]+: "audio-bitrate" */
    const char *short_name;   /* one letter without dash ("q"), or NULL */
    sb_option_type type;
    uint32_t flags;           /* SB_OPTION_* flags */
    const char *help;         /* one line, no trailing period needed */
    const char *default_value;/* as typed on the command line; NULL = unset by default */
    double min_value;         /* inclusive; used when SB_OPTION_HAS_RANGE */
    double max_value;         /* inclusive; used when SB_OPTION_HAS_RANGE */
    const char *const *choices; /* NULL-terminated, required for SB_OPTION_CHOICE */
    const char *value_name;   /* placeholder in --help ("CRF"), or NULL */
} sb_option_desc;

/* ---- per-job host services ----------------------------------------------- */
/* An opaque handle for one conversion job, owned by the host. */
typedef struct sb_job sb_job;

typedef struct sb_progress {
    uint32_t struct_size;
    double position_seconds; /* media time written so far */
    int64_t frames;          /* video frames written so far, or -1 if not meaningful */
} sb_progress;

/* Result of an optional probe: used for scheduling (longest first) and for
 * weighting overall progress by media duration. */
typedef struct sb_probe_info {
    uint32_t struct_size;
    double duration_seconds; /* < 0 when unknown */
} sb_probe_info;

/*
 * Services the host offers to a running job. All functions take the job handle
 * they were given with and may be called from any thread while the job's
 * convert/probe/plan call is running (codec threads included); none may be
 * called after it returns. Strings passed in are copied by the host.
 */
typedef struct sb_host_api {
    uint32_t struct_size;

    /* Non-zero when the job must stop now (user abort). Cheap; poll it per packet
     * and from FFmpeg's AVIOInterruptCB. Return SB_STATUS_CANCELLED afterwards. */
    int32_t (*is_cancelled)(const sb_job *job);
    /* Progress of this job; may be called often, the host rate-limits display. */
    void (*report_progress)(sb_job *job, const sb_progress *progress);
    /* One line into sb's log (no trailing newline); the host adds the file name. */
    void (*log)(sb_job *job, sb_log_level level, const char *message);
    /* The one-line reason of a failure (shown as "<file>: <message>"). The last
     * call before returning SB_STATUS_FAILED wins. */
    void (*set_error)(sb_job *job, const char *message);
    /* How many codec threads this job may use (>= 1): the host's CPU budget
     * divided among the jobs running at the time of the call. */
    int32_t (*thread_budget)(const sb_job *job);

    /* The input file: an absolute path, safe to hand to FFmpeg with a "file:" prefix. */
    const char *(*input_path)(const sb_job *job);
    /* Where to write: a temporary file in the destination folder, created and
     * renamed into place by the host. Absolute. NULL for probe and plan calls. */
    const char *(*output_path)(const sb_job *job);

    /* Option values, by long name, already validated against the descriptor.
     * option_is_set: non-zero when the user gave the option explicitly.
     * option_int:    INT, BITRATE, FLAG (0/1); 0 when unset and without default.
     * option_float:  FLOAT (INT values converted); 0.0 when unset.
     * option_string: STRING, CHOICE (and the text of any other type); NULL when
     *                unset and without default. The pointer stays valid for the job. */
    int32_t (*option_is_set)(const sb_job *job, const char *name);
    int64_t (*option_int)(const sb_job *job, const char *name);
    double (*option_float)(const sb_job *job, const char *name);
    const char *(*option_string)(const sb_job *job, const char *name);
} sb_host_api;

/* ---- converter and plugin descriptors ------------------------------------ */
typedef struct sb_converter_desc {
    uint32_t struct_size;
    const char *name;        /* the sub-command: [a-z0-9-]+, e.g. "mp4" */
    const char *summary;     /* one line for `sb --help` and `sb ls` */
    const char *description; /* paragraph for `sb NAME --help`, or NULL */
    const char *const *input_extensions; /* NULL-terminated, lower case with dot: ".mov" */
    const char *output_extension;        /* with dot: ".mp4" */
    const sb_option_desc *options;       /* array of option_count entries, or NULL */
    uint32_t option_count;

    /* Required. Convert host->input_path(job) into host->output_path(job).
     * Called on a worker thread; several jobs run at once, so it must not touch
     * shared mutable state. */
    sb_status (*convert)(sb_job *job, const sb_host_api *host);
    /* Optional (may be NULL). Quick look at the input before the batch starts;
     * fill `info`. Called on the main thread. */
    sb_status (*probe)(sb_job *job, const sb_host_api *host, sb_probe_info *info);
    /* Optional (may be NULL). Describe what convert would do (via host->log at
     * SB_LOG_INFO) without writing anything; used by --dry-run and -v. */
    sb_status (*plan)(sb_job *job, const sb_host_api *host);
} sb_converter_desc;

typedef struct sb_plugin_desc {
    uint32_t struct_size;
    const char *id;      /* reverse-DNS, unique: "org.sb.mov_to_mp4" */
    const char *version; /* the plugin's own version text */
    uint32_t converter_count;
    const sb_converter_desc *const *converters;
} sb_plugin_desc;

/* What the host tells the plugin about itself when asking for its descriptor. */
typedef struct sb_host_info {
    uint32_t struct_size;
    uint32_t abi_major;
    uint32_t abi_minor;
    const char *host_version;
} sb_host_info;

/*
 * The exported entry. Its first three fields are frozen for every ABI major:
 * the host reads abi_major/abi_minor/struct_size before running any plugin code.
 * get_plugin is called once, on the main thread, after the version check; it
 * returns NULL if the plugin cannot work with this host.
 */
typedef struct sb_plugin_entry_t {
    uint32_t abi_major;
    uint32_t abi_minor;
    uint32_t struct_size;
    const sb_plugin_desc *(*get_plugin)(const sb_host_info *host);
} sb_plugin_entry_t;

#ifdef __cplusplus
}
#endif

#endif /* SB_PLUGIN_ABI_H */
