#include "audio_transcoder.hpp"

#include <sb/ffmpeg/ffmpeg_error.hpp>

#include <algorithm>
#include <new>
#include <string>

namespace sb::audio {

using sb::ffmpeg::check;

namespace {

// Frames for encoders without a fixed frame size (PCM).
constexpr int kVariableFrameSamples = 4096;

// Decoders report the channel order as unspecified for some inputs; the
// resampler needs a real layout to remix.
ChannelLayout frame_layout(const AVFrame &frame) {
    if (frame.ch_layout.order != AV_CHANNEL_ORDER_UNSPEC) return ChannelLayout(frame.ch_layout);
    AVChannelLayout guess{};
    av_channel_layout_default(&guess, frame.ch_layout.nb_channels);
    return ChannelLayout(guess);
}

} // namespace

AudioTranscoder::AudioTranscoder(const AVStream &source, const ExtractionPlan &plan, AVFormatContext &output,
                                 const sb::sdk::Job &job)
    : job_(job), output_(output), decoded_(sb::ffmpeg::make_frame()), encoded_(sb::ffmpeg::make_packet()) {
    const AVCodecParameters &par = *source.codecpar;
    const std::string source_codec = avcodec_get_name(par.codec_id);
    const AVCodec *decoder = avcodec_find_decoder(par.codec_id);
    if (decoder == nullptr) throw sb::sdk::Error("no decoder for " + source_codec + " audio in this FFmpeg build");
    decoder_ = sb::ffmpeg::make_codec_context(decoder);
    check(avcodec_parameters_to_context(decoder_.get(), &par), "cannot set up the " + source_codec + " decoder");
    decoder_->pkt_timebase = source.time_base;
    decoder_->thread_count = job.thread_budget();
    check(avcodec_open2(decoder_.get(), decoder, nullptr), "cannot open the " + source_codec + " decoder", job);

    const AVCodec &codec = *plan.encoder;
    encoder_ = sb::ffmpeg::make_codec_context(&codec);
    encoder_->sample_rate = plan.sample_rate;
    encoder_->sample_fmt = plan.sample_format;
    check(av_channel_layout_copy(&encoder_->ch_layout, &plan.layout.get()), "cannot set the channel layout");
    encoder_->time_base = AVRational{1, plan.sample_rate};
    if (plan.bitrate > 0) encoder_->bit_rate = plan.bitrate;
    if (plan.bits_per_raw_sample > 0) encoder_->bits_per_raw_sample = plan.bits_per_raw_sample;
    encoder_->thread_count = job.thread_budget();
    if (output.oformat->flags & AVFMT_GLOBALHEADER) encoder_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    check(avcodec_open2(encoder_.get(), &codec, nullptr), std::string("cannot open the ") + codec.name + " encoder", job);

    stream_ = avformat_new_stream(&output, nullptr);
    if (stream_ == nullptr) throw std::bad_alloc();
    check(avcodec_parameters_from_context(stream_->codecpar, encoder_.get()), "cannot set up the output stream");
    stream_->time_base = encoder_->time_base;

    const bool variable = (codec.capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0 || encoder_->frame_size <= 0;
    frame_size_ = variable ? kVariableFrameSamples : encoder_->frame_size;
    pad_last_frame_ = !variable && (codec.capabilities & AV_CODEC_CAP_SMALL_LAST_FRAME) == 0;
    fifo_.reset(av_audio_fifo_alloc(encoder_->sample_fmt, encoder_->ch_layout.nb_channels, frame_size_ * 2));
    if (!fifo_) throw std::bad_alloc();
    if (job.log_enabled(sb::sdk::LogLevel::debug))
        job.debug(std::string("encoder ") + codec.name + ": " + std::to_string(frame_size_) + " samples per frame, " +
                  av_get_sample_fmt_name(encoder_->sample_fmt));
}

double AudioTranscoder::position_seconds() const noexcept {
    return static_cast<double>(next_pts_) / encoder_->sample_rate;
}

void AudioTranscoder::write(AVPacket &packet) {
    const int rc = avcodec_send_packet(decoder_.get(), &packet);
    av_packet_unref(&packet);
    // A damaged packet costs a few milliseconds of sound, not the whole file.
    if (rc == AVERROR_INVALIDDATA) {
        ++damaged_;
        return;
    }
    check(rc, "cannot decode the audio", job_);
    receive_frames();
}

void AudioTranscoder::finish() {
    const int rc = avcodec_send_packet(decoder_.get(), nullptr);
    if (rc != AVERROR_EOF) check(rc, "cannot flush the audio decoder", job_);
    receive_frames();
    resample(nullptr);
    drain_fifo(true);
    encode(nullptr);
    if (next_pts_ == 0) throw sb::sdk::Error("no audio could be decoded (" + std::to_string(damaged_) + " damaged packets)");
    if (damaged_ > 0) job_.warn(std::to_string(damaged_) + " damaged audio packets skipped");
}

void AudioTranscoder::receive_frames() {
    for (;;) {
        const int rc = avcodec_receive_frame(decoder_.get(), decoded_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
        if (rc == AVERROR_INVALIDDATA) {
            ++damaged_;
            continue;
        }
        check(rc, "cannot decode the audio", job_);
        resample(decoded_.get());
        av_frame_unref(decoded_.get());
    }
}

void AudioTranscoder::configure_resampler(const AVFrame &frame) {
    const ChannelLayout in_layout = frame_layout(frame);
    if (resampler_ && resampler_rate_ == frame.sample_rate && resampler_format_ == frame.format &&
        av_channel_layout_compare(&resampler_layout_.get(), &in_layout.get()) == 0)
        return;
    // The input changed mid-stream (or this is the first frame): keep what the
    // old set-up still holds, then start over with the new input.
    if (resampler_) resample(nullptr);
    SwrContext *raw = nullptr;
    // FFmpeg 5.1 declares the layouts non-const but only reads them.
    check(swr_alloc_set_opts2(&raw, &encoder_->ch_layout, encoder_->sample_fmt, encoder_->sample_rate,
                              const_cast<AVChannelLayout *>(&in_layout.get()), static_cast<AVSampleFormat>(frame.format),
                              frame.sample_rate, 0, nullptr),
          "cannot set up the audio resampler");
    resampler_.reset(raw);
    check(swr_init(raw), "cannot set up the audio resampler");
    resampler_layout_ = in_layout;
    resampler_rate_ = frame.sample_rate;
    resampler_format_ = frame.format;
}

void AudioTranscoder::resample(const AVFrame *frame) {
    if (frame != nullptr) configure_resampler(*frame);
    if (!resampler_) return;
    const int in_samples = frame != nullptr ? frame->nb_samples : 0;
    for (;;) {
        const int capacity = swr_get_out_samples(resampler_.get(), in_samples);
        if (capacity <= 0) return;
        sb::ffmpeg::FramePtr out = sb::ffmpeg::make_frame();
        out->nb_samples = capacity;
        out->format = encoder_->sample_fmt;
        out->sample_rate = encoder_->sample_rate;
        check(av_channel_layout_copy(&out->ch_layout, &encoder_->ch_layout), "cannot set the channel layout");
        check(av_frame_get_buffer(out.get(), 0), "cannot allocate audio samples");
        const int converted = check(swr_convert(resampler_.get(), out->extended_data, capacity,
                                                frame != nullptr ? const_cast<const uint8_t **>(frame->extended_data) : nullptr,
                                                in_samples),
                                    "cannot convert the audio samples");
        if (converted > 0 && av_audio_fifo_write(fifo_.get(), reinterpret_cast<void **>(out->extended_data), converted) < converted)
            throw std::bad_alloc();
        drain_fifo(false);
        // Input is consumed in one call; only a flush may need several rounds.
        if (frame != nullptr || converted == 0) return;
    }
}

void AudioTranscoder::drain_fifo(bool final) {
    for (;;) {
        const int available = av_audio_fifo_size(fifo_.get());
        if (available == 0 || (available < frame_size_ && !final)) return;
        const int samples = std::min(available, frame_size_);
        sb::ffmpeg::FramePtr frame = sb::ffmpeg::make_frame();
        frame->nb_samples = pad_last_frame_ ? frame_size_ : samples;
        frame->format = encoder_->sample_fmt;
        frame->sample_rate = encoder_->sample_rate;
        check(av_channel_layout_copy(&frame->ch_layout, &encoder_->ch_layout), "cannot set the channel layout");
        check(av_frame_get_buffer(frame.get(), 0), "cannot allocate audio samples");
        if (av_audio_fifo_read(fifo_.get(), reinterpret_cast<void **>(frame->extended_data), samples) < samples)
            throw sb::sdk::Error("internal: audio FIFO underrun");
        if (frame->nb_samples > samples)
            av_samples_set_silence(frame->extended_data, samples, frame->nb_samples - samples, frame->ch_layout.nb_channels,
                                   encoder_->sample_fmt);
        // Timestamps come from the sample count: the output starts at 0 and has
        // no gaps, whatever the input's timestamps did.
        frame->pts = next_pts_;
        next_pts_ += frame->nb_samples;
        encode(frame.get());
    }
}

void AudioTranscoder::encode(const AVFrame *frame) {
    const int rc = avcodec_send_frame(encoder_.get(), frame);
    if (!(frame == nullptr && rc == AVERROR_EOF)) check(rc, "cannot encode the audio", job_);
    for (;;) {
        const int received = avcodec_receive_packet(encoder_.get(), encoded_.get());
        if (received == AVERROR(EAGAIN) || received == AVERROR_EOF) return;
        check(received, "cannot encode the audio", job_);
        // The muxer may have changed the stream's time base in write_header.
        av_packet_rescale_ts(encoded_.get(), encoder_->time_base, stream_->time_base);
        encoded_->stream_index = stream_->index;
        check(av_interleaved_write_frame(&output_, encoded_.get()), "cannot write the output file", job_);
    }
}

} // namespace sb::audio
