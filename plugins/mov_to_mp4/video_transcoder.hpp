// Video: decode -> filter (even size, pixel format, optional upload) -> encode.
#ifndef SB_MP4_VIDEO_TRANSCODER_HPP
#define SB_MP4_VIDEO_TRANSCODER_HPP

#include "decoder.hpp"
#include "encoder_selection.hpp"
#include "mp4_options.hpp"
#include "output_media.hpp"
#include "stream_handler.hpp"

#include <sb/converter.hpp>

#include <cstdint>
#include <map>

namespace sb::mp4 {

// Re-encodes one video stream into one output slot.
//
// The filter graph and the encoder are built from the first decoded frame (the
// container's parameters are often incomplete or wrong). Odd widths/heights are
// made even for 4:2:0 by cropping the last column/row (no black line, no
// resampling, the aspect ratio moves by less than a pixel); a 1-pixel dimension
// is padded to 2 instead. Timestamps pass through unchanged (variable frame rate
// stays variable); only non-increasing ones are nudged forward. The display
// matrix stays metadata: pixels are not rotated.
class VideoTranscoder final : public StreamHandler {
public:
    // Throws sb::sdk::Error when the decoder, the encoder or the hardware device
    // is not available.
    VideoTranscoder(const AVStream &stream, AVRational frame_rate, OutputMedia &output, int slot,
                    const Mp4Settings &settings, const VideoEncoderChoice &choice, const sb::sdk::Job &job);

    void handle_packet(AVPacket &packet) override;
    void finish() override;
    std::int64_t undecodable_packets() const noexcept override { return decoder_.errors(); }
    std::int64_t packets_seen() const noexcept override { return packets_; }

private:
    struct GraphInput {
        int width = 0, height = 0, format = -1;
    };
    void on_frame(AVFrame &frame);
    void build_graph(const AVFrame &frame);
    void drain_graph();
    void open_encoder();
    void encode(AVFrame *frame); // nullptr flushes

    const AVStream &stream_;
    AVRational frame_rate_;
    OutputMedia &output_;
    int slot_;
    Mp4Settings settings_;
    VideoEncoderChoice choice_;
    const sb::sdk::Job &job_;
    Decoder decoder_;
    const AVCodec *encoder_codec_ = nullptr;
    BufferRefPtr hw_device_;

    FilterGraphPtr graph_;
    AVFilterContext *source_ = nullptr;
    AVFilterContext *sink_ = nullptr;
    GraphInput graph_input_;
    int first_width_ = 0, first_height_ = 0; // decoded size the output size derives from
    int out_width_ = 0, out_height_ = 0;
    AVColorPrimaries color_primaries_ = AVCOL_PRI_UNSPECIFIED;
    AVColorTransferCharacteristic color_trc_ = AVCOL_TRC_UNSPECIFIED;
    AVColorSpace colorspace_ = AVCOL_SPC_UNSPECIFIED;

    CodecContextPtr encoder_;
    FramePtr filtered_ = make_frame();
    PacketPtr packet_ = make_packet();
    std::int64_t last_pts_ = AV_NOPTS_VALUE;
    std::int64_t default_duration_ = 1;
    std::int64_t last_delta_ = 0;
    std::map<std::int64_t, std::int64_t> durations_; // frame pts -> duration, until its packet is out
    std::int64_t packets_ = 0;
};

} // namespace sb::mp4

#endif // SB_MP4_VIDEO_TRANSCODER_HPP
