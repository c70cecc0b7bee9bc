#include "media_samples.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <memory>

namespace sb::test {
namespace {

struct InputCloser {
    void operator()(AVFormatContext *ctx) const noexcept { avformat_close_input(&ctx); }
};
struct CodecFree {
    void operator()(AVCodecContext *c) const noexcept { avcodec_free_context(&c); }
};
struct PacketFree {
    void operator()(AVPacket *p) const noexcept { av_packet_free(&p); }
};
struct FrameFree {
    void operator()(AVFrame *f) const noexcept { av_frame_free(&f); }
};
struct ScaleFree {
    void operator()(SwsContext *s) const noexcept { sws_freeContext(s); }
};
using InputPtr = std::unique_ptr<AVFormatContext, InputCloser>;

InputPtr open(const std::filesystem::path &file) {
    AVFormatContext *raw = nullptr;
    const std::string url = "file:" + file.string();
    if (avformat_open_input(&raw, url.c_str(), nullptr, nullptr) < 0) return nullptr;
    InputPtr ctx(raw);
    if (avformat_find_stream_info(ctx.get(), nullptr) < 0) return nullptr;
    return ctx;
}

int first_video_stream(const AVFormatContext &ctx) {
    for (unsigned i = 0; i < ctx.nb_streams; ++i) {
        const AVStream &st = *ctx.streams[i];
        if (st.codecpar->codec_type == AVMEDIA_TYPE_VIDEO && (st.disposition & AV_DISPOSITION_ATTACHED_PIC) == 0)
            return static_cast<int>(i);
    }
    return -1;
}

// Mean of the box in a packed RGB24 picture.
std::array<int, 3> box_mean(const AVFrame &rgb, int x, int y, int w, int h) {
    std::array<long, 3> sum{};
    for (int row = y; row < y + h; ++row) {
        const uint8_t *p = rgb.data[0] + static_cast<std::ptrdiff_t>(row) * rgb.linesize[0] + x * 3;
        for (int col = 0; col < w; ++col)
            for (int c = 0; c < 3; ++c) sum[static_cast<std::size_t>(c)] += p[col * 3 + c];
    }
    const long n = static_cast<long>(w) * h;
    return {static_cast<int>(sum[0] / n), static_cast<int>(sum[1] / n), static_cast<int>(sum[2] / n)};
}

// Channel 0's sample `i` of a decoded frame as -1..1.
double sample_at(const AVFrame &frame, int i) {
    const auto format = static_cast<AVSampleFormat>(frame.format);
    const int step = av_sample_fmt_is_planar(format) ? 1 : frame.ch_layout.nb_channels;
    const uint8_t *data = frame.extended_data[0];
    const std::size_t k = static_cast<std::size_t>(i) * static_cast<std::size_t>(step);
    switch (av_get_packed_sample_fmt(format)) {
    case AV_SAMPLE_FMT_U8: return (data[k] - 128) / 128.0;
    case AV_SAMPLE_FMT_S16: return reinterpret_cast<const int16_t *>(data)[k] / 32768.0;
    case AV_SAMPLE_FMT_S32: return reinterpret_cast<const int32_t *>(data)[k] / 2147483648.0;
    case AV_SAMPLE_FMT_FLT: return reinterpret_cast<const float *>(data)[k];
    case AV_SAMPLE_FMT_DBL: return reinterpret_cast<const double *>(data)[k];
    default: return 0.0;
    }
}

} // namespace

double audio_onset_seconds(const std::filesystem::path &file, double threshold) {
    InputPtr ctx = open(file);
    if (!ctx) return -1;
    int index = -1;
    for (unsigned i = 0; i < ctx->nb_streams && index < 0; ++i)
        if (ctx->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) index = static_cast<int>(i);
    if (index < 0) return -1;
    const AVStream &st = *ctx->streams[index];
    const AVCodec *codec = avcodec_find_decoder(st.codecpar->codec_id);
    if (codec == nullptr) return -1;
    std::unique_ptr<AVCodecContext, CodecFree> dec(avcodec_alloc_context3(codec));
    if (!dec || avcodec_parameters_to_context(dec.get(), st.codecpar) < 0) return -1;
    dec->pkt_timebase = st.time_base;
    if (avcodec_open2(dec.get(), codec, nullptr) < 0) return -1;

    std::unique_ptr<AVPacket, PacketFree> packet(av_packet_alloc());
    std::unique_ptr<AVFrame, FrameFree> frame(av_frame_alloc());
    if (!packet || !frame) return -1;
    bool draining = false;
    for (;;) {
        if (!draining) {
            if (av_read_frame(ctx.get(), packet.get()) < 0) {
                draining = true;
                avcodec_send_packet(dec.get(), nullptr);
            } else {
                if (packet->stream_index == index) avcodec_send_packet(dec.get(), packet.get());
                av_packet_unref(packet.get());
            }
        }
        for (;;) {
            const int rc = avcodec_receive_frame(dec.get(), frame.get());
            if (rc == AVERROR(EAGAIN) && !draining) break;
            if (rc < 0) return -1;
            const std::int64_t pts = frame->best_effort_timestamp;
            for (int i = 0; i < frame->nb_samples && pts != AV_NOPTS_VALUE; ++i) {
                const double v = sample_at(*frame, i);
                if (v > threshold || v < -threshold)
                    return static_cast<double>(pts) * av_q2d(st.time_base) + static_cast<double>(i) / frame->sample_rate;
            }
            av_frame_unref(frame.get());
        }
    }
}

std::array<int, 3> stored_rgb_at(const std::filesystem::path &file, int x, int y, int w, int h) {
    const std::array<int, 3> none{-1, -1, -1};
    InputPtr ctx = open(file);
    if (!ctx) return none;
    const int index = first_video_stream(*ctx);
    if (index < 0) return none;
    const AVStream &st = *ctx->streams[index];
    const AVCodec *codec = avcodec_find_decoder(st.codecpar->codec_id);
    if (codec == nullptr) return none;
    std::unique_ptr<AVCodecContext, CodecFree> dec(avcodec_alloc_context3(codec));
    if (!dec || avcodec_parameters_to_context(dec.get(), st.codecpar) < 0) return none;
    dec->thread_count = 1;
    if (avcodec_open2(dec.get(), codec, nullptr) < 0) return none;

    std::unique_ptr<AVPacket, PacketFree> packet(av_packet_alloc());
    std::unique_ptr<AVFrame, FrameFree> frame(av_frame_alloc());
    if (!packet || !frame) return none;
    bool got = false, draining = false;
    while (!got) {
        if (!draining) {
            const int rc = av_read_frame(ctx.get(), packet.get());
            if (rc < 0) {
                draining = true;
                avcodec_send_packet(dec.get(), nullptr);
            } else {
                if (packet->stream_index == index) avcodec_send_packet(dec.get(), packet.get());
                av_packet_unref(packet.get());
            }
        }
        const int rc = avcodec_receive_frame(dec.get(), frame.get());
        if (rc == 0) got = true;
        else if (draining && rc != AVERROR(EAGAIN)) break;
    }
    if (!got || x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > frame->width || y + h > frame->height) return none;

    std::unique_ptr<SwsContext, ScaleFree> scale(sws_getContext(frame->width, frame->height,
                                                                static_cast<AVPixelFormat>(frame->format),
                                                                frame->width, frame->height, AV_PIX_FMT_RGB24,
                                                                SWS_POINT, nullptr, nullptr, nullptr));
    std::unique_ptr<AVFrame, FrameFree> rgb(av_frame_alloc());
    if (!scale || !rgb) return none;
    rgb->format = AV_PIX_FMT_RGB24;
    rgb->width = frame->width;
    rgb->height = frame->height;
    if (av_frame_get_buffer(rgb.get(), 0) < 0) return none;
    sws_scale(scale.get(), frame->data, frame->linesize, 0, frame->height, rgb->data, rgb->linesize);
    return box_mean(*rgb, x, y, w, h);
}

std::vector<double> video_frame_times(const std::filesystem::path &file) {
    std::vector<double> times;
    InputPtr ctx = open(file);
    if (!ctx) return times;
    const int index = first_video_stream(*ctx);
    if (index < 0) return times;
    const AVRational tb = ctx->streams[index]->time_base;
    std::unique_ptr<AVPacket, PacketFree> packet(av_packet_alloc());
    while (packet && av_read_frame(ctx.get(), packet.get()) >= 0) {
        if (packet->stream_index == index && packet->pts != AV_NOPTS_VALUE)
            times.push_back(static_cast<double>(packet->pts) * av_q2d(tb));
        av_packet_unref(packet.get());
    }
    std::sort(times.begin(), times.end());
    return times;
}

} // namespace sb::test
