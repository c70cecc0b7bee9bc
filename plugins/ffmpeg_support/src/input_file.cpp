#include <sb/ffmpeg/input_file.hpp>

#include <sb/ffmpeg/ffmpeg_error.hpp>
#include <sb/ffmpeg/interrupt.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>
#include <system_error>

namespace sb::ffmpeg {
namespace {

std::uint32_t read_be32(const unsigned char *p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

// A QuickTime/MP4 file starts with one of these top-level boxes.
bool is_top_level_box(const char *type) {
    static constexpr const char *kTypes[] = {"ftyp", "wide", "free", "skip", "mdat", "moov", "pnot", "uuid"};
    for (const char *t : kTypes)
        if (std::memcmp(type, t, 4) == 0) return true;
    return false;
}

} // namespace

std::string quicktime_truncation(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    in.seekg(0, std::ios::end);
    const auto file_size = static_cast<std::uint64_t>(in.tellg());
    std::uint64_t offset = 0;
    bool first = true;
    while (offset + 8 <= file_size) {
        std::array<unsigned char, 16> header{};
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(reinterpret_cast<char *>(header.data()), 8);
        if (!in) return {};
        const char *type = reinterpret_cast<const char *>(header.data() + 4);
        if (first && !is_top_level_box(type)) return {};
        first = false;
        std::uint64_t size = read_be32(header.data());
        if (size == 1) { // 64-bit box size follows the type
            in.read(reinterpret_cast<char *>(header.data() + 8), 8);
            if (!in) return {};
            size = (std::uint64_t{read_be32(header.data() + 8)} << 32) | read_be32(header.data() + 12);
        } else if (size == 0) { // box runs to the end of the file
            size = file_size - offset;
        }
        if (std::memcmp(type, "moov", 4) == 0) return size > file_size - offset ? "moov atom cut off" : std::string();
        if (size < 8) break;
        offset += size;
    }
    return first ? std::string() : "moov atom not found";
}

bool content_is_media(const std::string &path) {
    // Enough for every demuxer's content probe (FFmpeg's own first round is
    // 2 KiB; MP3 looks for a few consecutive frames).
    constexpr std::size_t kProbeBytes = 64 * 1024;
    std::ifstream in(path, std::ios::binary);
    if (!in) return true;
    std::vector<unsigned char> buffer(kProbeBytes + AVPROBE_PADDING_SIZE, 0);
    in.read(reinterpret_cast<char *>(buffer.data()), static_cast<std::streamsize>(kProbeBytes));
    const auto size = static_cast<int>(in.gcount());
    if (size <= 0) return true;
    AVProbeData probe{};
    probe.filename = ""; // content only: no extension match
    probe.buf = buffer.data();
    probe.buf_size = size;
    int score = 0;
    const AVInputFormat *format = av_probe_input_format3(&probe, 1, &score);
    // The score avformat_open_input itself trusts without looking further.
    return format != nullptr && score > AVPROBE_SCORE_RETRY;
}

InputContextPtr open_input(const std::string &path, const sb::sdk::Job &job) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size == 0) throw sb::sdk::Error("empty file (0 bytes)");

    AVFormatContext *raw = avformat_alloc_context();
    if (raw == nullptr) throw std::bad_alloc();
    raw->interrupt_callback = interrupt_callback_for(job);
    const std::string url = "file:" + path;
    // On failure avformat_open_input frees the context itself.
    int rc = avformat_open_input(&raw, url.c_str(), nullptr, nullptr);
    if (rc < 0) {
        throw_if_interrupted(rc, job);
        if (rc == AVERROR_INVALIDDATA) {
            if (const std::string cause = quicktime_truncation(path); !cause.empty())
                throw sb::sdk::Error("truncated QuickTime/MP4 file: " + cause + " (recording or copy was cut short)");
            throw sb::sdk::Error("not a media file FFmpeg can read: " + av_error_text(rc));
        }
        if (!content_is_media(path))
            throw sb::sdk::Error("not a media file FFmpeg can read: its content matches no known format");
        throw sb::sdk::Error("cannot open: " + av_error_text(rc));
    }
    InputContextPtr ctx(raw);
    rc = avformat_find_stream_info(ctx.get(), nullptr);
    if (rc < 0) {
        throw_if_interrupted(rc, job);
        throw sb::sdk::Error("cannot read stream info: " + av_error_text(rc));
    }
    return ctx;
}

std::string why_media_data_is_missing(const AVFormatContext &ctx) {
    if (ctx.iformat == nullptr || ctx.pb == nullptr || std::strstr(ctx.iformat->name, "mov") == nullptr) return {};
    const std::int64_t file_size = avio_size(ctx.pb);
    if (file_size <= 0) return {};
    std::int64_t samples = 0, missing = 0, needed = 0;
    for (unsigned i = 0; i < ctx.nb_streams; ++i) {
        AVStream *st = ctx.streams[i];
        const int count = avformat_index_get_entries_count(st);
        for (int k = 0; k < count; ++k) {
            const AVIndexEntry *e = avformat_index_get_entry(st, k);
            if (e == nullptr || e->size <= 0) continue;
            ++samples;
            const std::int64_t end = e->pos + e->size;
            needed = std::max(needed, end);
            if (end > file_size) ++missing;
        }
    }
    if (missing == 0) return {};
    return "truncated: " + std::to_string(missing) + " of " + std::to_string(samples) +
           " samples lie beyond the end of the file (" + std::to_string(file_size) + " of " + std::to_string(needed) +
           " bytes present; copy or download cut short?)";
}

double duration_seconds(const AVFormatContext &ctx) noexcept {
    if (ctx.duration == AV_NOPTS_VALUE || ctx.duration <= 0) return -1.0;
    return static_cast<double>(ctx.duration) / AV_TIME_BASE;
}

const char *media_type_name(AVMediaType type) noexcept {
    const char *name = av_get_media_type_string(type);
    return name != nullptr ? name : "unknown";
}

} // namespace sb::ffmpeg
