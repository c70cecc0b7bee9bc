// RAII owners for FFmpeg objects, for plugin code.
//
// Every FFmpeg allocation is held by one of these from the moment it is
// created, so an exception anywhere (a failed open, a cancelled job) releases
// everything in reverse order. Business code never calls a *_free function.
// Thread-safety: as FFmpeg's — one owner, one thread at a time.
#ifndef SB_FFMPEG_FFMPEG_PTR_HPP
#define SB_FFMPEG_FFMPEG_PTR_HPP

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/buffer.h>
#include <libavutil/dict.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <new>
#include <string>

namespace sb::ffmpeg {

// An input context opened with avformat_open_input.
struct InputContextDeleter {
    void operator()(AVFormatContext *ctx) const noexcept { avformat_close_input(&ctx); }
};
// An output context from avformat_alloc_output_context2, with the AVIOContext
// (if any) it opened for writing. Used on the failure path: a successful run
// closes the file itself (avio_closep) so it can report the close error.
struct OutputContextDeleter {
    void operator()(AVFormatContext *ctx) const noexcept {
        if (ctx == nullptr) return;
        if (ctx->oformat != nullptr && (ctx->oformat->flags & AVFMT_NOFILE) == 0) avio_closep(&ctx->pb);
        avformat_free_context(ctx);
    }
};
struct CodecContextDeleter {
    void operator()(AVCodecContext *ctx) const noexcept { avcodec_free_context(&ctx); }
};
struct CodecParametersDeleter {
    void operator()(AVCodecParameters *par) const noexcept { avcodec_parameters_free(&par); }
};
struct FrameDeleter {
    void operator()(AVFrame *frame) const noexcept { av_frame_free(&frame); }
};
struct PacketDeleter {
    void operator()(AVPacket *packet) const noexcept { av_packet_free(&packet); }
};
struct FilterGraphDeleter {
    void operator()(AVFilterGraph *graph) const noexcept { avfilter_graph_free(&graph); }
};
struct FilterInOutDeleter {
    void operator()(AVFilterInOut *inout) const noexcept { avfilter_inout_free(&inout); }
};
// Hardware device / frames contexts are reference-counted buffers.
struct BufferRefDeleter {
    void operator()(AVBufferRef *ref) const noexcept { av_buffer_unref(&ref); }
};
struct ResamplerDeleter {
    void operator()(SwrContext *swr) const noexcept { swr_free(&swr); }
};
struct ScalerDeleter {
    void operator()(SwsContext *sws) const noexcept { sws_freeContext(sws); }
};
struct AudioFifoDeleter {
    void operator()(AVAudioFifo *fifo) const noexcept { av_audio_fifo_free(fifo); }
};

using InputContextPtr = std::unique_ptr<AVFormatContext, InputContextDeleter>;
using OutputContextPtr = std::unique_ptr<AVFormatContext, OutputContextDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using CodecParametersPtr = std::unique_ptr<AVCodecParameters, CodecParametersDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using FilterGraphPtr = std::unique_ptr<AVFilterGraph, FilterGraphDeleter>;
using FilterInOutPtr = std::unique_ptr<AVFilterInOut, FilterInOutDeleter>;
using BufferRefPtr = std::unique_ptr<AVBufferRef, BufferRefDeleter>;
using ResamplerPtr = std::unique_ptr<SwrContext, ResamplerDeleter>;
using ScalerPtr = std::unique_ptr<SwsContext, ScalerDeleter>;
using AudioFifoPtr = std::unique_ptr<AVAudioFifo, AudioFifoDeleter>;

// The make_* functions throw std::bad_alloc instead of returning null.
inline FramePtr make_frame() {
    FramePtr frame(av_frame_alloc());
    if (!frame) throw std::bad_alloc();
    return frame;
}

inline PacketPtr make_packet() {
    PacketPtr packet(av_packet_alloc());
    if (!packet) throw std::bad_alloc();
    return packet;
}

inline CodecParametersPtr make_codec_parameters() {
    CodecParametersPtr par(avcodec_parameters_alloc());
    if (!par) throw std::bad_alloc();
    return par;
}

// A context for `codec` (not opened yet).
inline CodecContextPtr make_codec_context(const AVCodec *codec) {
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) throw std::bad_alloc();
    return ctx;
}

// Owns what avcodec_decode_subtitle2 puts into an AVSubtitle (its rects).
class DecodedSubtitle {
public:
    DecodedSubtitle() = default;
    ~DecodedSubtitle() { avsubtitle_free(&sub_); }
    DecodedSubtitle(const DecodedSubtitle &) = delete;
    DecodedSubtitle &operator=(const DecodedSubtitle &) = delete;

    AVSubtitle *get() noexcept { return &sub_; }
    AVSubtitle *operator->() noexcept { return &sub_; }
    // Frees the previous subtitle's rects before the decoder fills it again.
    void reset() noexcept { avsubtitle_free(&sub_); }

private:
    AVSubtitle sub_{};
};

// Owns an AVDictionary of options handed to an *_open call. FFmpeg removes the
// entries it consumed, so what is left afterwards are the options it ignored.
class Dictionary {
public:
    Dictionary() = default;
    ~Dictionary() { av_dict_free(&dict_); }
    Dictionary(const Dictionary &) = delete;
    Dictionary &operator=(const Dictionary &) = delete;

    void set(const char *key, const std::string &value) { av_dict_set(&dict_, key, value.c_str(), 0); }
    AVDictionary **out() noexcept { return &dict_; }
    AVDictionary *get() const noexcept { return dict_; }
    bool empty() const noexcept { return av_dict_count(dict_) == 0; }

    // "key=value key=value", for log lines.
    std::string to_string() const {
        std::string text;
        const AVDictionaryEntry *entry = nullptr;
        while ((entry = av_dict_get(dict_, "", entry, AV_DICT_IGNORE_SUFFIX)) != nullptr) {
            if (!text.empty()) text += ' ';
            text += entry->key;
            text += '=';
            text += entry->value;
        }
        return text;
    }

private:
    AVDictionary *dict_ = nullptr;
};

} // namespace sb::ffmpeg

#endif // SB_FFMPEG_FFMPEG_PTR_HPP
