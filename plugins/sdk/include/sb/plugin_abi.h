/*
 * sb plugin ABI — the only contract between the sb host and a converter plugin.
 *
 * Plain C (C11, C++17 and later), <stdint.h> only. Everything that crosses the
 * boundary is a fixed-width integer, a double, a `const char *` (UTF-8,
 * NUL-terminated), a function pointer or a struct whose first member is its own
 * size. No exception may cross: every function a plugin hands to the host must
 * return normally (the C++ layer in <sb/converter.hpp> guarantees this).
 *
 * Versioning (docs/adr/ADR-001-converter-interface.md, docs/plugin-sdk.md):
 *  - SB_ABI_VERSION_MAJOR changes only when a released struct or function
 *    signature changes incompatibly; the host refuses a plugin with another major.
 *  - SB_ABI_VERSION_MINOR grows when fields are appended to the end of a struct,
 *    functions are appended to a function table, or flag bits are added. The host
 *    accepts a plugin whose minor is <= its own and reads a plugin struct only up
 *    to the struct_size the plugin wrote; a plugin reads sb_host_api only up to
 *    host->struct_size (and treats a NULL function as absent).
 *  - 1.1 added sb_host_api.min_log_level and SB_OPTION_OUTPUT_EXTENSION.
 *
 * Ownership, in general (each declaration below repeats what applies to it):
 *  - PLUGIN-OWNED: every pointer in a descriptor the plugin returns (strings,
 *    arrays, function pointers, the descriptors themselves) must stay valid and
 *    unchanged until the process exits. The host never unloads a plugin and never
 *    frees or writes plugin memory.
 *  - HOST-OWNED: sb_job, sb_host_api, sb_host_info and every string a host
 *    function returns belong to the host. The plugin never frees them and uses
 *    them only during the call that received them (sb_host_api itself stays valid
 *    for the process lifetime, but its functions need a live job).
 *  - Strings the plugin passes to the host (log, set_error) are copied before the
 *    host function returns; the plugin keeps ownership.
 *
 * Threads, in general:
 *  - [main]   called by the host on its main thread, before any job runs.
 *  - [worker] called by the host on one of its worker threads; several jobs (of
 *             the same converter, too) run at the same time on different threads.
 *  - [any]    the plugin may call it from any thread it likes (its own codec
 *             threads included) while the job's call is running, concurrently.
 */
#ifndef SB_PLUGIN_ABI_H
#define SB_PLUGIN_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SB_ABI_VERSION_MAJOR 1u
#define SB_ABI_VERSION_MINOR 1u

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
/* Any other value is treated as SB_STATUS_FAILED. */

/* ---- log levels for sb_host_api.log -------------------------------------- */
typedef int32_t sb_log_level;
#define SB_LOG_DEBUG 0   /* shown with -vv */
#define SB_LOG_INFO 1    /* shown with -v: decisions worth knowing (e.g. "video h264 -> copy") */
#define SB_LOG_WARNING 2 /* always kept, printed with the file's result line */
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
/* Since ABI 1.1. On one CHOICE option of a converter: the chosen value is the
 * output file extension (without the dot), so every choice must be [a-z0-9]+.
 * `sb audio --format mp3` writes "clip.mp3". The converter's output_extension
 * names the extension of the option's default. */
#define SB_OPTION_OUTPUT_EXTENSION 0x2u

/* PLUGIN-OWNED, immutable, process lifetime. Arrays of options are stepped by
 * options[0].struct_size, so a newer plugin's longer struct is read correctly. */
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
/* One call (convert, probe or plan) of one input. HOST-OWNED and opaque; valid
 * only until that call returns. */
typedef struct sb_job sb_job;

/* Filled by the plugin on its stack; the host copies what it needs. */
typedef struct sb_progress {
    uint32_t struct_size;    /* sizeof(sb_progress) as the plugin was built */
    double position_seconds; /* media time written so far */
    int64_t frames;          /* video frames written so far, or -1 if not meaningful */
} sb_progress;

/* HOST-OWNED, handed to probe; the plugin writes duration_seconds. Used for
 * scheduling (longest first) and for weighting overall progress. */
typedef struct sb_probe_info {
    uint32_t struct_size;
    double duration_seconds; /* < 0 when unknown (the host pre-fills -1) */
} sb_probe_info;

/*
 * Services the host offers to a running job. HOST-OWNED, immutable, valid for
 * the process lifetime; but every function needs the `job` handle of a call
 * that is still running: none may be called after that call returned.
 * Every function is [any]: callable from any thread, concurrently, while the
 * job's convert/probe/plan call runs. `name` and `message` arguments are
 * PLUGIN-OWNED and copied by the host. Strings returned are HOST-OWNED and
 * valid until the job's call returns.
 */
typedef struct sb_host_api {
    uint32_t struct_size; /* sizeof(sb_host_api) as the host was built */

    /* Non-zero once the job must stop (user abort). Cheap; poll it per packet
     * and from FFmpeg's AVIOInterruptCB. Return SB_STATUS_CANCELLED afterwards. */
    int32_t (*is_cancelled)(const sb_job *job);
    /* Progress of this job; may be called often, the host rate-limits display.
     * `progress` is PLUGIN-OWNED (usually on the caller's stack). */
    void (*report_progress)(sb_job *job, const sb_progress *progress);
    /* One line into sb's log (no trailing newline; newlines become spaces);
     * the host adds the file name. See min_log_level to skip building text the
     * host would drop. */
    void (*log)(sb_job *job, sb_log_level level, const char *message);
    /* The one-line reason of a failure (shown as "<file>: <message>"). The last
     * call before returning SB_STATUS_FAILED wins. */
    void (*set_error)(sb_job *job, const char *message);
    /* How many codec threads this job may use (>= 1): the host's CPU budget
     * divided among the jobs running at the time of the call. */
    int32_t (*thread_budget)(const sb_job *job);

    /* The input file: an absolute path, safe to hand to FFmpeg with a "file:"
     * prefix. Never NULL. */
    const char *(*input_path)(const sb_job *job);
    /* Where to write: a temporary file in the destination folder that the host
     * chose and renames into place after SB_STATUS_OK (or deletes). Absolute.
     * NULL for probe and plan calls, which must not write anything. */
    const char *(*output_path)(const sb_job *job);

    /* Option values, by long name, already validated against the descriptor.
     * option_is_set: non-zero when the user gave the option explicitly.
     * option_int:    INT, BITRATE, FLAG (0/1); 0 when unset and without default.
     * option_float:  FLOAT (INT values converted); 0.0 when unset.
     * option_string: STRING, CHOICE (and the text of any other type); NULL when
     *                unset and without default. */
    int32_t (*option_is_set)(const sb_job *job, const char *name);
    int64_t (*option_int)(const sb_job *job, const char *name);
    double (*option_float)(const sb_job *job, const char *name);
    const char *(*option_string)(const sb_job *job, const char *name);

    /* ---- since ABI 1.1: check host->struct_size covers a field (and that it
     * is not NULL) before calling it. ---- */

    /* The lowest level this job's log currently keeps (SB_LOG_DEBUG with -vv,
     * SB_LOG_INFO with -v, SB_LOG_WARNING otherwise). Messages below it are
     * dropped, so a plugin may skip formatting them. Absent: keep everything. */
    sb_log_level (*min_log_level)(const sb_job *job);
} sb_host_api;

/* ---- converter and plugin descriptors ------------------------------------ */
/* PLUGIN-OWNED, immutable, process lifetime. */
typedef struct sb_converter_desc {
    uint32_t struct_size;    /* sizeof(sb_converter_desc) as the plugin was built */
    const char *name;        /* the sub-command: [a-z0-9-]+, e.g. "mp4" */
    const char *summary;     /* one line for `sb --help` and `sb ls` */
    const char *description; /* paragraph for `sb NAME --help`, or NULL */
    const char *const *input_extensions; /* NULL-terminated, lower case with dot: ".mov" */
    const char *output_extension;        /* with dot: ".mp4" (see SB_OPTION_OUTPUT_EXTENSION) */
    const sb_option_desc *options;       /* array of option_count entries, or NULL */
    uint32_t option_count;

    /* Required. [worker] Convert host->input_path(job) into host->output_path(job).
     * Several jobs run at once (one per worker), so it must not touch shared
     * mutable state. Blocking is fine; poll host->is_cancelled. */
    sb_status (*convert)(sb_job *job, const sb_host_api *host);
    /* Optional (may be NULL). [worker] Quick look at a file before the batch
     * starts; fill `info` (HOST-OWNED, valid during the call). Probes of several
     * inputs run at once. With -s the host also probes an existing *output*
     * (input_path is then that file) to check it plays, so probe must accept
     * what convert writes. SB_STATUS_FAILED refuses the input early. */
    sb_status (*probe)(sb_job *job, const sb_host_api *host, sb_probe_info *info);
    /* Optional (may be NULL). [main] Describe what convert would do (via
     * host->log at SB_LOG_INFO) without writing anything; used by --dry-run. May
     * fail (set_error + SB_STATUS_FAILED) for an input convert would refuse. */
    sb_status (*plan)(sb_job *job, const sb_host_api *host);
} sb_converter_desc;

/* PLUGIN-OWNED, immutable, process lifetime. */
typedef struct sb_plugin_desc {
    uint32_t struct_size;
    const char *id;      /* reverse-DNS, unique: "org.sb.mov_to_mp4" */
    const char *version; /* the plugin's own version text */
    uint32_t converter_count;
    const sb_converter_desc *const *converters; /* converter_count pointers */
} sb_plugin_desc;

/* What the host tells the plugin about itself when asking for its descriptor.
 * HOST-OWNED, valid only during get_plugin (copy what you want to keep). */
typedef struct sb_host_info {
    uint32_t struct_size;
    uint32_t abi_major;
    uint32_t abi_minor;
    const char *host_version;
} sb_host_info;

/*
 * The exported entry: PLUGIN-OWNED, a const object with static storage. Its
 * first three fields are frozen for every ABI major: the host reads abi_major,
 * abi_minor and struct_size before running any plugin code.
 * get_plugin is [main], called once after the version check, before any job;
 * it returns NULL if the plugin cannot work with this host. It must not start
 * threads or write files.
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
