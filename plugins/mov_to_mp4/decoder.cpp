#include "decoder.hpp"

#include "ffmpeg.hpp"
#include "input_media.hpp"

#include <sb/converter.hpp>

namespace sb::mp4 {
namespace {
// A decoder that keeps failing while draining would otherwise spin forever.
constexpr int kMaxDrainErrors = 1000;
} // namespace

std::string stream_label(const AVStream &stream, int index) {
    return std::string(media_type_name(stream.codecpar->codec_type)) + " stream #" + std::to_string(index);
}

Decoder::Decoder(const AVStream &stream, int index, int threads) {
    const AVCodecParameters &par = *stream.codecpar;
    const AVCodec *codec = avcodec_find_decoder(par.codec_id);
    if (codec == nullptr)
        throw sb::sdk::Error(stream_label(stream, index) + ": no decoder for codec " + describe_codec(stream));
    ctx_.reset(avcodec_alloc_context3(codec));
    if (!ctx_) throw std::bad_alloc();
    check(avcodec_parameters_to_context(ctx_.get(), &par), stream_label(stream, index) + ": bad codec parameters");
    ctx_->pkt_timebase = stream.time_base;
    ctx_->thread_count = threads;
    const int rc = avcodec_open2(ctx_.get(), codec, nullptr);
    if (rc < 0)
        throw sb::sdk::Error(stream_label(stream, index) + ": cannot open the " + codec->name +
                             " decoder: " + av_error_text(rc));
}

bool Decoder::receive_all(const FrameSink &sink, bool draining) {
    int drain_errors = 0;
    for (;;) {
        const int rc = avcodec_receive_frame(ctx_.get(), frame_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return true;
        if (rc < 0) {
            ++errors_;
            if (!draining || ++drain_errors > kMaxDrainErrors) return false;
            continue;
        }
        ++frames_;
        frame_->pts = frame_->best_effort_timestamp;
        sink(*frame_);
        av_frame_unref(frame_.get());
    }
}

void Decoder::decode(const AVPacket &packet, const FrameSink &sink) {
    int rc = avcodec_send_packet(ctx_.get(), &packet);
    if (rc == AVERROR(EAGAIN)) {
        // Not expected since we always drain, but the API allows it.
        receive_all(sink, false);
        rc = avcodec_send_packet(ctx_.get(), &packet);
    }
    if (rc < 0 && rc != AVERROR_EOF) {
        ++errors_;
        return;
    }
    receive_all(sink, false);
}

void Decoder::flush(const FrameSink &sink) {
    if (avcodec_send_packet(ctx_.get(), nullptr) < 0) return;
    receive_all(sink, true);
}

} // namespace sb::mp4
