#include "input_media.hpp"

#include "ffmpeg.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

namespace sb::mp4 {

InputMedia::InputMedia(const std::string &path, const sb::sdk::Job &job) : ctx_(open_input(path, job)) {}

double InputMedia::duration_seconds() const noexcept { return sb::ffmpeg::duration_seconds(*ctx_); }

std::int64_t InputMedia::start_time() const noexcept {
    return ctx_->start_time == AV_NOPTS_VALUE ? 0 : ctx_->start_time;
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

namespace {

bool is_printable_tag(std::uint32_t tag) {
    for (int shift = 0; shift < 32; shift += 8) {
        const int c = static_cast<int>((tag >> shift) & 0xff);
        if (!std::isalnum(c) && c != ' ') return false;
    }
    return true;
}

} // namespace

std::string describe_codec(const AVStream &stream) {
    const AVCodecParameters &par = *stream.codecpar;
    // "bin_data" says nothing about a data track; a QuickTime/MP4 tag ('gpmd':
    // GoPro telemetry) does. MPEG-TS stream types ([6][0][0][0]) do not.
    const bool opaque = par.codec_id == AV_CODEC_ID_NONE ||
                        (par.codec_id == AV_CODEC_ID_BIN_DATA && is_printable_tag(par.codec_tag));
    if (!opaque) return avcodec_get_name(par.codec_id);
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
