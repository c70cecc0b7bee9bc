// Re-encoding: decoder -> resampler (format, rate, channels) -> sample FIFO
// (the encoder's frame size) -> encoder -> muxer.
#ifndef SB_AUDIO_AUDIO_TRANSCODER_HPP
#define SB_AUDIO_AUDIO_TRANSCODER_HPP

#include "audio_path.hpp"
#include "extraction_plan.hpp"

#include <sb/converter.hpp>
#include <sb/ffmpeg/ffmpeg_ptr.hpp>

#include <cstdint>

namespace sb::audio {

class AudioTranscoder final : public AudioPath {
public:
    // Opens decoder and encoder and adds the output stream, so the caller can
    // write the header right after. Throws sb::sdk::Error naming the codec.
    AudioTranscoder(const AVStream &source, const ExtractionPlan &plan, AVFormatContext &output, const sb::sdk::Job &job);

    void write(AVPacket &packet) override;
    void finish() override;
    double position_seconds() const noexcept override;

private:
    void receive_frames();
    void resample(const AVFrame *frame); // nullptr flushes the resampler
    void configure_resampler(const AVFrame &frame);
    void drain_fifo(bool final);
    void encode(const AVFrame *frame); // nullptr flushes the encoder

    const sb::sdk::Job &job_;
    AVFormatContext &output_;
    sb::ffmpeg::CodecContextPtr decoder_, encoder_;
    sb::ffmpeg::ResamplerPtr resampler_;
    sb::ffmpeg::AudioFifoPtr fifo_;
    sb::ffmpeg::FramePtr decoded_;
    sb::ffmpeg::PacketPtr encoded_;
    AVStream *stream_ = nullptr;
    int frame_size_ = 0;          // samples per encoder frame
    bool pad_last_frame_ = false; // the encoder wants full frames only
    // What the resampler was set up for; a decoder may change mid-stream.
    ChannelLayout resampler_layout_;
    int resampler_rate_ = 0, resampler_format_ = -1;
    std::int64_t next_pts_ = 0; // in samples at the output rate
    std::int64_t damaged_ = 0;  // packets the decoder rejected (skipped, like ffmpeg)
};

} // namespace sb::audio

#endif // SB_AUDIO_AUDIO_TRANSCODER_HPP
