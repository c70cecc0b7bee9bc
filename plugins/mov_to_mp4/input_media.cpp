#include "input_media.hpp"

#include "ffmpeg_error.hpp"
#include "interrupt.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>

namespace sb::mp4 {
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

// FFmpeg only says "Invalid data" for a QuickTime file whose moov box is
// missing or cut off (a recording stopped early, an interrupted copy); the log
// line that names the cause is not ours to read. Walk the top-level boxes to say
// it ourselves. Returns "" when the file does not look like that.
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
        if (size == 1) {
            in.read(reinterpret_cast<char *>(header.data() + 8), 8);
            if (!in) return {};
            size = (std::uint64_t{read_be32(header.data() + 8)} << 32) | read_be32(header.data() + 12);
        } else if (size == 0) {
            size = file_size - offset;
        }
        if (std::memcmp(type, "moov", 4) == 0)
            return size > file_size - offset ? "moov atom cut off" : std::string();
        if (size < 8) break;
        offset += size;
    }
    return first ? std::string() : "moov atom not found";
}

} // namespace

InputMedia::InputMedia(const std::string &path, const sb::sdk::Job &job) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size == 0) throw sb::sdk::Error("empty file (0 bytes)");

    AVFormatContext *raw = avformat_alloc_context();
    if (raw == nullptr) throw std::bad_alloc();
    raw->interrupt_callback = interrupt_callback_for(job);
    // "file:" keeps names such as "10:30 take.mov" from being read as a URL.
    const std::string url = "file:" + path;
    // On failure avformat_open_input frees the context itself.
    int rc = avformat_open_input(&raw, url.c_str(), nullptr, nullptr);
    if (rc < 0) {
        throw_if_interrupted(rc, job);
        if (rc == AVERROR_INVALIDDATA) {
            if (const std::string cause = quicktime_truncation(path); !cause.empty())
                throw sb::sdk::Error("truncated QuickTime/MP4 file: " + cause + " (recording or copy was cut short)");
        }
        if (rc == AVERROR_INVALIDDATA) throw sb::sdk::Error("not a media file FFmpeg can read: " + av_error_text(rc));
        throw sb::sdk::Error("cannot open: " + av_error_text(rc));
    }
    ctx_.reset(raw);
    rc = avformat_find_stream_info(ctx_.get(), nullptr);
    if (rc < 0) {
        throw_if_interrupted(rc, job);
        throw sb::sdk::Error("cannot read stream info: " + av_error_text(rc));
    }
}

double InputMedia::duration_seconds() const noexcept {
    if (ctx_->duration == AV_NOPTS_VALUE || ctx_->duration <= 0) return -1.0;
    return static_cast<double>(ctx_->duration) / AV_TIME_BASE;
}

std::int64_t InputMedia::start_time() const noexcept {
    return ctx_->start_time == AV_NOPTS_VALUE ? 0 : ctx_->start_time;
}

const char *media_type_name(AVMediaType type) noexcept {
    const char *name = av_get_media_type_string(type);
    return name != nullptr ? name : "unknown";
}

bool is_attached_picture(const AVStream &stream) noexcept {
    return (stream.disposition & AV_DISPOSITION_ATTACHED_PIC) != 0;
}

bool is_drm_protected(const AVFormatContext &ctx) noexcept {
    // The ASF demuxer exports its content-protection objects as tags.
    if (av_dict_get(ctx.metadata, "ASF_Protection_Type", nullptr, 0) != nullptr) return true;
    if (av_dict_get(ctx.metadata, "encryption", nullptr, 0) != nullptr) return true;
    // MP4 Common Encryption (cenc/cbcs) without keys.
    for (unsigned i = 0; i < ctx.nb_streams; ++i) {
        size_t size = 0;
        if (av_stream_get_side_data(ctx.streams[i], AV_PKT_DATA_ENCRYPTION_INIT_INFO, &size) != nullptr) return true;
    }
    return false;
}

std::string why_not_a_video_file(const AVFormatContext &ctx) {
    if (ctx.iformat == nullptr) return {};
    const std::string_view name = ctx.iformat->name;
    // image2 and the *_pipe demuxers (png_pipe, jpeg_pipe, ...) read pictures.
    const bool image_demuxer = name == "image2" || (name.size() > 5 && name.substr(name.size() - 5) == "_pipe");
    if (!image_demuxer) return {};
    const char *codec = ctx.nb_streams > 0 ? avcodec_get_name(ctx.streams[0]->codecpar->codec_id) : "unknown";
    return std::string("a still picture (") + codec + "), not a video";
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

std::string describe_codec(const AVStream &stream) {
    const AVCodecParameters &par = *stream.codecpar;
    if (par.codec_id != AV_CODEC_ID_NONE) return avcodec_get_name(par.codec_id);
    if (const AVDictionaryEntry *mime = av_dict_get(stream.metadata, "mimetype", nullptr, 0))
        return "(" + std::string(mime->value) + ")";
    if (par.codec_tag != 0) {
        char tag[AV_FOURCC_MAX_STRING_SIZE] = {};
        av_fourcc_make_string(tag, par.codec_tag);
        return "(" + std::string(tag) + ")";
    }
    return "(unknown codec)";
}

} // namespace sb::mp4
