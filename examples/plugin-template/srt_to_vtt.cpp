// `sb vtt`: SubRip subtitles (.srt) to WebVTT (.vtt), the format HTML5 <track>
// and most streaming players read. A complete sb converter plugin in one file —
// copy this folder to start your own (docs/plugin-sdk.md walks through it).
//
// It shows every host service: typed options (--shift, --keep-ids,
// --line-endings), progress, cancellation, level-aware logging, one-line error
// reasons, and writing only to the temporary output path the host chose.
// Nothing but the C++17 standard library and the SDK header.
#include <sb/converter.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace {

using sb::sdk::Error;

std::string trim(const std::string &s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool is_digits(const std::string &s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A short, printable excerpt of a bad line for the error message (the line may
// be binary garbage when the input is not a text file at all).
std::string excerpt(const std::string &line) {
    std::string out;
    for (char c : line.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    return line.size() > 40 ? out + "..." : out;
}

// "01:02:03,456" or "1:02:03.456" -> milliseconds.
std::optional<std::int64_t> parse_time(const std::string &text) {
    int h = 0, m = 0, s = 0, ms = 0;
    char sep = 0;
    int used = 0;
    if (std::sscanf(text.c_str(), "%d:%2d:%2d%c%3d%n", &h, &m, &s, &sep, &ms, &used) != 5) return std::nullopt;
    if (used != static_cast<int>(text.size()) || (sep != ',' && sep != '.') || h < 0 || m < 0 || m > 59 || s < 0 ||
        s > 59 || ms < 0)
        return std::nullopt;
    return ((static_cast<std::int64_t>(h) * 60 + m) * 60 + s) * 1000 + ms;
}

// WebVTT wants at least two hour digits only when needed; always writing them is valid.
std::string format_time(std::int64_t ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld.%03lld", static_cast<long long>(ms / 3600000),
                  static_cast<long long>(ms / 60000 % 60), static_cast<long long>(ms / 1000 % 60),
                  static_cast<long long>(ms % 1000));
    return text;
}

struct Cue {
    std::string id; // the SubRip cue number, may be empty
    std::int64_t start_ms = 0, end_ms = 0;
    std::vector<std::string> text;
};

// Reads cues one at a time, so a huge file never has to fit in memory.
// Errors name the line: "line 12: malformed timing line '00:01 --> 00:02'".
// With `accept_webvtt`, a leading "WEBVTT" header line is skipped, so the
// reader also takes the files convert() writes (cue blocks have the same shape).
class SrtReader {
public:
    explicit SrtReader(const std::string &path, bool accept_webvtt = false)
        : in_(path, std::ios::binary), accept_webvtt_(accept_webvtt) {
        if (!in_) throw Error("cannot open the input file");
    }

    std::optional<Cue> next() {
        std::string line;
        do {
            if (!read_line(line)) return std::nullopt;
            if (line_number_ == 1 && accept_webvtt_ && line.rfind("WEBVTT", 0) == 0) line.clear();
        } while (trim(line).empty());
        Cue cue;
        if (line.find("-->") == std::string::npos) {
            if (!is_digits(trim(line)))
                fail("expected a cue number or a timing line (00:00:01,000 --> 00:00:02,000), found '" + excerpt(line) + "'");
            cue.id = trim(line);
            if (!read_line(line)) fail("cue " + cue.id + " has no timing line");
        }
        const auto arrow = line.find("-->");
        if (arrow == std::string::npos) fail("expected a timing line, found '" + excerpt(line) + "'");
        std::string end_text = trim(line.substr(arrow + 3));
        end_text = end_text.substr(0, end_text.find_first_of(" \t")); // SubRip may add X1:... positions
        const auto start = parse_time(trim(line.substr(0, arrow))), end = parse_time(end_text);
        if (!start || !end) fail("malformed timing line '" + excerpt(line) + "'");
        if (*end < *start) fail("cue ends before it starts");
        cue.start_ms = *start;
        cue.end_ms = *end;
        while (read_line(line) && !trim(line).empty()) cue.text.push_back(line);
        return cue;
    }

private:
    bool read_line(std::string &line) {
        if (!std::getline(in_, line)) return false;
        if (++line_number_ == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3); // UTF-8 BOM
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
    }
    [[noreturn]] void fail(const std::string &what) const {
        throw Error("line " + std::to_string(line_number_) + ": " + what);
    }

    std::ifstream in_;
    bool accept_webvtt_;
    std::size_t line_number_ = 0;
};

struct Settings {
    std::int64_t shift_ms = 0;
    bool keep_ids = false;
    const char *eol = "\n";
};

Settings read_settings(const sb::sdk::Job &job) {
    Settings s;
    s.shift_ms = static_cast<std::int64_t>(job.option_float("shift") * 1000.0 + (job.option_float("shift") < 0 ? -0.5 : 0.5));
    s.keep_ids = job.option_flag("keep-ids");
    s.eol = job.option_string("line-endings") == "crlf" ? "\r\n" : "\n";
    return s;
}

// Cue text may not contain "-->" in WebVTT (it would start a timing line).
std::string vtt_text(std::string line) {
    for (auto at = line.find("-->"); at != std::string::npos; at = line.find("-->", at)) line.replace(at, 3, "--&gt;");
    return line;
}

class SrtToVtt final : public sb::sdk::Converter {
public:
    void convert(const sb::sdk::Job &job) override {
        const Settings settings = read_settings(job);
        SrtReader reader(job.input_path());
        // The host's temporary file: it renames it into place only after we return normally.
        std::ofstream out(job.output_path(), std::ios::binary | std::ios::trunc);
        if (!out) throw Error("cannot create the output file");
        out << "WEBVTT" << settings.eol << settings.eol;

        std::int64_t written = 0, dropped = 0;
        while (auto cue = reader.next()) {
            job.throw_if_cancelled(); // once per cue: a user abort stops within one cue
            const std::int64_t start = std::max<std::int64_t>(0, cue->start_ms + settings.shift_ms);
            const std::int64_t end = cue->end_ms + settings.shift_ms;
            if (end <= 0) { // shifted to before the video starts
                ++dropped;
                continue;
            }
            if (settings.keep_ids && !cue->id.empty()) out << cue->id << settings.eol;
            out << format_time(start) << " --> " << format_time(end) << settings.eol;
            for (const auto &line : cue->text) out << vtt_text(line) << settings.eol;
            out << settings.eol;
            ++written;
            if (job.log_enabled(sb::sdk::LogLevel::debug)) job.debug("cue " + cue->id + " at " + format_time(start));
            job.report_progress(static_cast<double>(end) / 1000.0);
        }
        if (written + dropped == 0) throw Error("no subtitle cues found (is this a SubRip .srt file?)");
        if (dropped > 0) job.warn(std::to_string(dropped) + " cues end before 0:00 after --shift and were dropped");
        out.flush();
        if (!out) throw Error("cannot write the output file (disk full?)");
        job.info(std::to_string(written) + " cues written");
    }

    // The end of the last cue: sb weighs overall progress by it. With -s the
    // host also probes an existing *output* and keeps it only when probe
    // succeeds with a duration > 0, so probe must accept the WebVTT we write.
    double probe(const sb::sdk::Job &job) override {
        return static_cast<double>(scan(job, true).last_end_ms) / 1000.0;
    }

    void plan(const sb::sdk::Job &job) override {
        const Summary summary = scan(job, false);
        const Settings settings = read_settings(job);
        std::string line = std::to_string(summary.cues) + " cues up to " + format_time(summary.last_end_ms);
        if (settings.shift_ms != 0) line += ", shifted by " + std::to_string(settings.shift_ms) + " ms";
        job.info(line);
    }

private:
    struct Summary {
        std::int64_t cues = 0, last_end_ms = 0;
    };
    static Summary scan(const sb::sdk::Job &job, bool accept_webvtt) {
        SrtReader reader(job.input_path(), accept_webvtt);
        Summary summary;
        while (auto cue = reader.next()) {
            job.throw_if_cancelled();
            ++summary.cues;
            summary.last_end_ms = std::max(summary.last_end_ms, cue->end_ms);
        }
        if (summary.cues == 0) throw Error("no subtitle cues found (is this a SubRip .srt file?)");
        return summary;
    }
};

// The option table the host turns into `sb vtt --help`, parsing and validation.
constexpr const char *kLineEndings[] = {"lf", "crlf", nullptr};
constexpr sb_option_desc kOptions[] = {
    sb::sdk::float_option("shift", nullptr, "Move every cue by SECONDS (negative: earlier)", "0", -86400, 86400,
                          "SECONDS"),
    sb::sdk::flag_option("keep-ids", nullptr, "Keep the SubRip cue numbers as WebVTT cue identifiers"),
    sb::sdk::choice_option("line-endings", nullptr, "Line endings of the output", "lf", kLineEndings),
};

constexpr const char *kInputs[] = {".srt", nullptr};

sb::sdk::ConverterInfo info() noexcept {
    sb::sdk::ConverterInfo i;
    i.name = "vtt";
    i.summary = "Convert SubRip subtitles (.srt) to WebVTT (.vtt)";
    i.description = "Rewrites SubRip cues as WebVTT for HTML5 <track> and web players: timing with '.', a WEBVTT "
                    "header, optional cue ids, and --shift to fix subtitles that run early or late.";
    i.input_extensions = kInputs;
    i.output_extension = ".vtt";
    i.options = kOptions;
    i.option_count = sizeof kOptions / sizeof kOptions[0];
    return i;
}

const sb_converter_desc kVtt = sb::sdk::describe<SrtToVtt>(info());

} // namespace

SB_PLUGIN("org.example.srt_to_vtt", "1.0.0", &kVtt)
