// Audio: decode -> resample/convert -> encode (AAC or MP3).
#ifndef SB_MP4_AUDIO_TRANSCODER_HPP
#define SB_MP4_AUDIO_TRANSCODER_HPP

#include "decoder.hpp"
#include "mp4_options.hpp"
#include "output_media.hpp"
#include "stream_handler.hpp"

#include <sb/converter.hpp>

extern "C" {
#include <libavutil/channel_layout.h>
}

#include <cstdint>

namespace sb::mp4 {

// Re-encodes one audio stream into one output slot.
//
// The encoder is opened from the first decoded frame: the input's sample rate
// and channel layout are kept when the encoder supports them (otherwise the
// nearest rate, and a layout with the same channel count, else mono/stereo).
// aresample's async mode fills gaps and trims overlaps in broken timestamps
// beyond 0.1 s so the audio track stays continuous.
class AudioTranscoder final : public StreamHandler {
public:
    AudioTranscoder(const AVStream &stream, OutputMedia &output, int slot, const Mp4Settings &settings,
                    const sb::sdk::Job &job);
    ~AudioTranscoder() override;

    void handle_packet(AVPacket &packet) override;
    void finish() override;
    std::int64_t undecodable_packets() const noexcept override { return decoder_.errors(); }
    std::int64_t packets_seen() const noexcept override { return packets_; }

private:
    void on_frame(AVFrame &frame);
    void open_encoder(const AVFrame &frame);
    void build_graph(const AVFrame &frame);
    void drain_graph();
    void encode(AVFrame *frame); // nullptr flushes

    const AVStream &stream_;
    OutputMedia &output_;
    int slot_;
    Mp4Settings settings_;
    const sb::sdk::Job &job_;
    Decoder decoder_;
    const AVCodec *encoder_codec_ = nullptr;

    FilterGraphPtr graph_;
    AVFilterContext *source_ = nullptr;
    AVFilterContext *sink_ = nullptr;
    int graph_rate_ = 0;
    int graph_format_ = -1;
    AVChannelLayout graph_layout_{};

    CodecContextPtr encoder_;
    FramePtr filtered_ = make_frame();
    PacketPtr packet_ = make_packet();
    std::int64_t next_pts_ = AV_NOPTS_VALUE; // in 1/sample_rate of the graph input
    std::int64_t packets_ = 0;
};

} // namespace sb::mp4

#endif // SB_MP4_AUDIO_TRANSCODER_HPP
