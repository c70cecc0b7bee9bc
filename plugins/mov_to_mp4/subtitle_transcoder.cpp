#include "subtitle_transcoder.hpp"

#include "decoder.hpp"
#include "ffmpeg.hpp"
#include "input_media.hpp"

extern "C" {
#include <libavutil/mem.h>
}

#include <cstring>
#include <limits>

namespace sb::mp4 {
namespace {

constexpr AVRational kMillisecond{1, 1000};
// The largest mov_text sample we expect; a cue is a few lines of text.
constexpr std::size_t kMaxCueBytes = 1 << 20;
// A cue without any end (no duration in the container or the text) shows this long.
constexpr std::int64_t kDefaultCueMs = 5000;

} // namespace

SubtitleTranscoder::SubtitleTranscoder(const AVStream &stream, OutputMedia &output, int slot, const sb::sdk::Job &job)
    : stream_(stream), output_(output), slot_(slot), job_(job), buffer_(kMaxCueBytes) {
    const std::string label = stream_label(stream, stream.index);
    const AVCodec *decoder = avcodec_find_decoder(stream.codecpar->codec_id);
    if (decoder == nullptr) throw sb::sdk::Error(label + ": no decoder for subtitle codec " + describe_codec(stream));
    decoder_.reset(avcodec_alloc_context3(decoder));
    if (!decoder_) throw std::bad_alloc();
    check(avcodec_parameters_to_context(decoder_.get(), stream.codecpar), label + ": bad codec parameters");
    decoder_->pkt_timebase = stream.time_base;
    check(avcodec_open2(decoder_.get(), decoder, nullptr), label + ": cannot open the " + decoder->name + " decoder");

    const AVCodec *encoder = avcodec_find_encoder(AV_CODEC_ID_MOV_TEXT);
    if (encoder == nullptr) throw sb::sdk::Error("the mov_text encoder is not available in this FFmpeg build");
    encoder_.reset(avcodec_alloc_context3(encoder));
    if (!encoder_) throw std::bad_alloc();
    encoder_->time_base = kMillisecond;
    // The ASS header the decoder produced tells the encoder the default style.
    if (decoder_->subtitle_header != nullptr && decoder_->subtitle_header_size > 0) {
        const auto size = static_cast<std::size_t>(decoder_->subtitle_header_size);
        encoder_->subtitle_header = static_cast<uint8_t *>(av_mallocz(size + 1));
        if (encoder_->subtitle_header == nullptr) throw std::bad_alloc();
        std::memcpy(encoder_->subtitle_header, decoder_->subtitle_header, size);
        encoder_->subtitle_header_size = decoder_->subtitle_header_size;
    }
    if (output.needs_global_header()) encoder_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    check(avcodec_open2(encoder_.get(), encoder, nullptr), label + ": cannot open the mov_text encoder");

    CodecParametersPtr params = make_codec_parameters();
    check(avcodec_parameters_from_context(params.get(), encoder_.get()), "cannot read the mov_text parameters");
    output.open_slot(slot, *params, kMillisecond, AVRational{0, 1}, true);
}

void SubtitleTranscoder::handle_packet(AVPacket &packet) {
    ++packets_;
    job_.throw_if_cancelled();
    cue_.reset();
    int got = 0;
    if (avcodec_decode_subtitle2(decoder_.get(), cue_.get(), &got, &packet) < 0) {
        ++errors_;
        return;
    }
    if (got == 0 || cue_->num_rects == 0) return;

    // Start and length in milliseconds, as mov_text times its samples.
    std::int64_t start_us = cue_->pts;
    if (start_us == AV_NOPTS_VALUE) {
        const std::int64_t ts = packet.pts != AV_NOPTS_VALUE ? packet.pts : packet.dts;
        if (ts == AV_NOPTS_VALUE) return;
        start_us = av_rescale_q(ts, stream_.time_base, AV_TIME_BASE_Q);
    }
    start_us += static_cast<std::int64_t>(cue_->start_display_time) * 1000;
    std::int64_t length_ms = 0;
    if (cue_->end_display_time > cue_->start_display_time &&
        cue_->end_display_time != std::numeric_limits<std::uint32_t>::max())
        length_ms = cue_->end_display_time - cue_->start_display_time;
    else if (packet.duration > 0)
        length_ms = av_rescale_q(packet.duration, stream_.time_base, kMillisecond);
    if (length_ms <= 0) length_ms = kDefaultCueMs;
    cue_->pts = start_us;
    cue_->start_display_time = 0;
    cue_->end_display_time = static_cast<std::uint32_t>(length_ms);

    const int size = avcodec_encode_subtitle(encoder_.get(), buffer_.data(), static_cast<int>(buffer_.size()), cue_.get());
    if (size <= 0) {
        ++errors_;
        return;
    }
    check(av_new_packet(packet_.get(), size), "out of memory for a subtitle");
    std::memcpy(packet_->data, buffer_.data(), static_cast<std::size_t>(size));
    packet_->pts = packet_->dts = av_rescale_q(start_us, AV_TIME_BASE_Q, kMillisecond);
    packet_->duration = length_ms;
    output_.write(slot_, *packet_, kMillisecond);
    av_packet_unref(packet_.get());
}

} // namespace sb::mp4
