#include "mp4_compatibility.hpp"

#include "input_media.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/pixdesc.h>
}

#include <cstring>

namespace sb::mp4 {
namespace {

const AVOutputFormat &mp4_format() {
    static const AVOutputFormat *const format = av_guess_format("mp4", nullptr, nullptr);
    return *format;
}

// Containers whose demuxer gives decode timestamps only: their B-frames carry
// no presentation time, and MP4 needs one per sample.
bool lacks_presentation_timestamps(const AVFormatContext &input) {
    if (input.iformat == nullptr) return false;
    if ((input.iformat->flags & AVFMT_NOTIMESTAMPS) != 0) return true;
    const char *name = input.iformat->name;
    return std::strcmp(name, "avi") == 0 || std::strcmp(name, "h264") == 0 || std::strcmp(name, "hevc") == 0;
}

// Profiles whose pictures are 8-bit 4:2:0 whatever the container says.
bool is_8bit_420_h264_profile(int profile) {
    switch (profile) {
    case FF_PROFILE_H264_BASELINE:
    case FF_PROFILE_H264_CONSTRAINED_BASELINE:
    case FF_PROFILE_H264_MAIN:
    case FF_PROFILE_H264_EXTENDED:
    case FF_PROFILE_H264_HIGH:
        return true;
    default:
        return false;
    }
}

std::string video_reason(const AVCodecParameters &par) {
    const auto format = static_cast<AVPixelFormat>(par.format);
    switch (par.codec_id) {
    case AV_CODEC_ID_H264: {
        // Everything beyond High (High 10, High 4:2:2, High 4:4:4) plays in
        // almost no browser or Apple player.
        if (format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P) return {};
        if (format == AV_PIX_FMT_NONE && is_8bit_420_h264_profile(par.profile)) return {};
        return "h264 " + pixel_format_name(par.format) + " is not 8-bit 4:2:0";
    }
    case AV_CODEC_ID_HEVC: {
        // Main and Main 10: what Apple devices, Windows, Android and Safari decode.
        if (format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUV420P10LE)
            return {};
        if (format == AV_PIX_FMT_NONE &&
            (par.profile == FF_PROFILE_HEVC_MAIN || par.profile == FF_PROFILE_HEVC_MAIN_10))
            return {};
        return "hevc " + pixel_format_name(par.format) + " is not 8/10-bit 4:2:0";
    }
    default:
        return std::string(avcodec_get_name(par.codec_id)) + " video does not play in every MP4 player";
    }
}

std::string audio_reason(const AVCodecParameters &par) {
    switch (par.codec_id) {
    case AV_CODEC_ID_AAC:
    case AV_CODEC_ID_AC3:
    case AV_CODEC_ID_ALAC:
        return {};
    case AV_CODEC_ID_MP3:
        if (par.sample_rate == 0 || par.sample_rate >= 16000) return {};
        return "mp3 below 16 kHz (MPEG-2.5) does not play in MP4";
    default:
        return std::string(avcodec_get_name(par.codec_id)) + " audio does not play in every MP4 player";
    }
}

} // namespace

std::string pixel_format_name(int format) {
    const char *name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(format));
    return name != nullptr ? name : "unknown pixel format";
}

std::string why_mp4_cannot_hold(const AVStream &stream, const AVFormatContext &input) {
    const AVCodecParameters &par = *stream.codecpar;
    if (par.codec_id == AV_CODEC_ID_NONE || avformat_query_codec(&mp4_format(), par.codec_id, FF_COMPLIANCE_NORMAL) != 1)
        return "MP4 cannot hold " + describe_codec(stream);
    if (par.codec_id == AV_CODEC_ID_MP3 && par.sample_rate > 0 && par.sample_rate < 16000)
        return "MP4 cannot hold MPEG-2.5 mp3 (" + std::to_string(par.sample_rate) + " Hz)";
    if (par.codec_type == AVMEDIA_TYPE_VIDEO && par.video_delay > 0 && lacks_presentation_timestamps(input))
        return std::string("the ") + input.iformat->name +
               " file has no presentation timestamps for its B-frames (a copy would play them out of order)";
    return {};
}

std::string why_not_playable_as_is(const AVStream &stream, const AVFormatContext &input) {
    const AVCodecParameters &par = *stream.codecpar;
    std::string reason;
    if (par.codec_type == AVMEDIA_TYPE_VIDEO) reason = video_reason(par);
    else if (par.codec_type == AVMEDIA_TYPE_AUDIO) reason = audio_reason(par);
    else reason = "not audio or video";
    if (!reason.empty()) return reason;
    return why_mp4_cannot_hold(stream, input);
}

bool is_text_subtitle(const AVCodecParameters &par) noexcept {
    if (par.codec_type != AVMEDIA_TYPE_SUBTITLE) return false;
    const AVCodecDescriptor *desc = avcodec_descriptor_get(par.codec_id);
    return desc != nullptr && (desc->props & AV_CODEC_PROP_TEXT_SUB) != 0 && avcodec_find_decoder(par.codec_id) != nullptr;
}

bool is_keepable_cover_art(const AVStream &stream) noexcept {
    if (!is_attached_picture(stream)) return false;
    const AVCodecID id = stream.codecpar->codec_id;
    return id == AV_CODEC_ID_MJPEG || id == AV_CODEC_ID_PNG || id == AV_CODEC_ID_BMP;
}

} // namespace sb::mp4
