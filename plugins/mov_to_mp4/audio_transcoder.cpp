#include "audio_transcoder.hpp"

#include "encoder_selection.hpp"
#include "ffmpeg.hpp"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/opt.h>
#include <libavutil/samplefmt.h>
}

#include <algorithm>
#include <cstdlib>
#include <string>

namespace sb::mp4 {
namespace {

std::string layout_name(const AVChannelLayout &layout) {
    char buffer[128] = {};
    if (av_channel_layout_describe(&layout, buffer, sizeof buffer) < 0) return std::to_string(layout.nb_channels) + "c";
    return buffer;
}

AVSampleFormat choose_sample_format(const AVCodec &codec, int input) {
    if (codec.sample_fmts == nullptr) return static_cast<AVSampleFormat>(input);
    for (const AVSampleFormat *f = codec.sample_fmts; *f != AV_SAMPLE_FMT_NONE; ++f)
        if (*f == input) return *f;
    return codec.sample_fmts[0];
}

// `min_rate`: the lowest rate the output may use (MP4 refuses MP3 below 16 kHz,
// i.e. MPEG-2.5).
int choose_sample_rate(const AVCodec &codec, int input, int min_rate) {
    if (codec.supported_samplerates == nullptr) return std::max(input, min_rate);
    int best = 0;
    for (const int *r = codec.supported_samplerates; *r != 0; ++r) {
        if (*r < min_rate) continue;
        if (*r == input) return input;
        if (best == 0) {
            best = *r;
            continue;
        }
        const int distance = std::abs(*r - input), best_distance = std::abs(best - input);
        if (distance < best_distance || (distance == best_distance && *r > best)) best = *r;
    }
    return best != 0 ? best : codec.supported_samplerates[0];
}

void choose_layout(const AVCodec &codec, const AVChannelLayout &input, AVChannelLayout &out) {
    const AVChannelLayout *pick = nullptr;
    if (codec.ch_layouts == nullptr) {
        pick = &input;
    } else {
        for (const AVChannelLayout *l = codec.ch_layouts; l->nb_channels != 0 && pick == nullptr; ++l)
            if (av_channel_layout_compare(l, &input) == 0) pick = l;
        for (const AVChannelLayout *l = codec.ch_layouts; l->nb_channels != 0 && pick == nullptr; ++l)
            if (l->nb_channels == input.nb_channels) pick = l;
        const AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO, stereo = AV_CHANNEL_LAYOUT_STEREO;
        const AVChannelLayout &wanted = input.nb_channels == 1 ? mono : stereo;
        for (const AVChannelLayout *l = codec.ch_layouts; l->nb_channels != 0 && pick == nullptr; ++l)
            if (av_channel_layout_compare(l, &wanted) == 0) pick = l;
        if (pick == nullptr) pick = &codec.ch_layouts[0];
    }
    if (av_channel_layout_copy(&out, pick) < 0) throw std::bad_alloc();
}

// Decoders may leave the layout unspecified ("2 channels"); filters and encoders
// want a real one.
void normalize_layout(AVFrame &frame) {
    if (frame.ch_layout.order == AV_CHANNEL_ORDER_NATIVE) return;
    const int channels = frame.ch_layout.nb_channels;
    av_channel_layout_uninit(&frame.ch_layout);
    av_channel_layout_default(&frame.ch_layout, channels);
}

} // namespace

AudioTranscoder::AudioTranscoder(const AVStream &stream, OutputMedia &output, int slot, const Mp4Settings &settings,
                                 const sb::sdk::Job &job)
    : stream_(stream), output_(output), slot_(slot), settings_(settings), job_(job), decoder_(stream, stream.index, 1) {
    encoder_codec_ = avcodec_find_encoder_by_name(audio_encoder_name(settings_.audio));
    if (encoder_codec_ == nullptr)
        throw sb::sdk::Error(std::string(audio_encoder_name(settings_.audio)) + " is not available in this FFmpeg build");
}

AudioTranscoder::~AudioTranscoder() { av_channel_layout_uninit(&graph_layout_); }

void AudioTranscoder::handle_packet(AVPacket &packet) {
    ++packets_;
    if (output_.is_dropped(slot_)) return;
    decoder_.decode(packet, [this](AVFrame &frame) { on_frame(frame); });
}

void AudioTranscoder::on_frame(AVFrame &frame) {
    job_.throw_if_cancelled();
    if (frame.sample_rate <= 0 || frame.nb_samples <= 0 || frame.ch_layout.nb_channels <= 0) return;
    normalize_layout(frame);
    // The graph runs in 1/sample_rate so sample-exact gap detection works.
    const AVRational sample_tb{1, frame.sample_rate};
    if (graph_ && frame.sample_rate != graph_rate_ && next_pts_ != AV_NOPTS_VALUE)
        next_pts_ = av_rescale_q(next_pts_, AVRational{1, graph_rate_}, sample_tb);
    if (frame.pts != AV_NOPTS_VALUE) frame.pts = av_rescale_q(frame.pts, stream_.time_base, sample_tb);
    else frame.pts = next_pts_ == AV_NOPTS_VALUE ? 0 : next_pts_;
    if (!encoder_) open_encoder(frame);
    if (!graph_ || frame.sample_rate != graph_rate_ || frame.format != graph_format_ ||
        av_channel_layout_compare(&frame.ch_layout, &graph_layout_) != 0) {
        // A format change mid-stream: the old graph's last partial frame (under
        // one encoder frame of audio) is dropped rather than sent short, which
        // fixed-frame encoders refuse before the end.
        if (graph_) job_.debug("audio #" + std::to_string(stream_.index) + ": format changed mid-stream");
        build_graph(frame);
    }
    next_pts_ = frame.pts + frame.nb_samples;
    check(av_buffersrc_add_frame_flags(source_, &frame, AV_BUFFERSRC_FLAG_KEEP_REF), "audio filter failed");
    drain_graph();
}

void AudioTranscoder::open_encoder(const AVFrame &frame) {
    encoder_.reset(avcodec_alloc_context3(encoder_codec_));
    if (!encoder_) throw std::bad_alloc();
    AVCodecContext &enc = *encoder_;
    enc.sample_fmt = choose_sample_format(*encoder_codec_, frame.format);
    enc.sample_rate = choose_sample_rate(*encoder_codec_, frame.sample_rate, settings_.audio == AudioMode::mp3 ? 16000 : 0);
    choose_layout(*encoder_codec_, frame.ch_layout, enc.ch_layout);
    enc.time_base = AVRational{1, enc.sample_rate};
    enc.bit_rate = clamp_audio_bitrate(settings_.audio, settings_.audio_bitrate, enc.sample_rate, enc.ch_layout.nb_channels);
    enc.thread_count = 1;
    if (output_.needs_global_header()) enc.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    const int rc = avcodec_open2(&enc, encoder_codec_, nullptr);
    if (rc < 0) {
        throw_if_interrupted(rc == AVERROR_EXIT ? rc : 0, job_);
        throw sb::sdk::Error(std::string(encoder_codec_->name) + " cannot be opened: " + av_error_text(rc));
    }
    CodecParametersPtr params = make_codec_parameters();
    check(avcodec_parameters_from_context(params.get(), &enc), "cannot read the audio encoder parameters");
    output_.open_slot(slot_, *params, enc.time_base, AVRational{0, 1}, true);
    job_.debug("audio #" + std::to_string(stream_.index) + ": " + encoder_codec_->name + " " +
               std::to_string(enc.sample_rate) + " Hz " + layout_name(enc.ch_layout) + " " +
               av_get_sample_fmt_name(enc.sample_fmt) + ", " + std::to_string(enc.bit_rate / 1000) + " kb/s");
}

void AudioTranscoder::build_graph(const AVFrame &frame) {
    graph_.reset(avfilter_graph_alloc());
    if (!graph_) throw std::bad_alloc();
    graph_->nb_threads = 1;
    source_ = avfilter_graph_alloc_filter(graph_.get(), avfilter_get_by_name("abuffer"), "in");
    if (source_ == nullptr) throw std::bad_alloc();
    const std::string in_layout = layout_name(frame.ch_layout);
    check(av_opt_set(source_, "channel_layout", in_layout.c_str(), AV_OPT_SEARCH_CHILDREN), "audio filter source");
    check(av_opt_set_sample_fmt(source_, "sample_fmt", static_cast<AVSampleFormat>(frame.format), AV_OPT_SEARCH_CHILDREN),
          "audio filter source");
    check(av_opt_set_q(source_, "time_base", AVRational{1, frame.sample_rate}, AV_OPT_SEARCH_CHILDREN),
          "audio filter source");
    check(av_opt_set_int(source_, "sample_rate", frame.sample_rate, AV_OPT_SEARCH_CHILDREN), "audio filter source");
    check(avfilter_init_str(source_, nullptr), "cannot set up the audio filter source (" + in_layout + ")");
    check(avfilter_graph_create_filter(&sink_, avfilter_get_by_name("abuffersink"), "out", nullptr, nullptr,
                                       graph_.get()),
          "cannot set up the audio filter sink");

    const AVCodecContext &enc = *encoder_;
    const std::string chain = std::string("aresample=async=1,aformat=sample_fmts=") +
                              av_get_sample_fmt_name(enc.sample_fmt) +
                              ":sample_rates=" + std::to_string(enc.sample_rate) +
                              ":channel_layouts=" + layout_name(enc.ch_layout);
    FilterInOutPtr outputs(avfilter_inout_alloc());
    FilterInOutPtr inputs(avfilter_inout_alloc());
    if (!outputs || !inputs) throw std::bad_alloc();
    outputs->name = av_strdup("in");
    outputs->filter_ctx = source_;
    inputs->name = av_strdup("out");
    inputs->filter_ctx = sink_;
    AVFilterInOut *out_raw = outputs.release();
    AVFilterInOut *in_raw = inputs.release();
    const int rc = avfilter_graph_parse_ptr(graph_.get(), chain.c_str(), &in_raw, &out_raw, nullptr);
    outputs.reset(out_raw);
    inputs.reset(in_raw);
    check(rc, "cannot build the audio filter graph (" + chain + ")");
    check(avfilter_graph_config(graph_.get(), nullptr), "cannot configure the audio filter graph (" + chain + ")");
    if ((encoder_codec_->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) == 0 && enc.frame_size > 0)
        av_buffersink_set_frame_size(sink_, static_cast<unsigned>(enc.frame_size));

    graph_rate_ = frame.sample_rate;
    graph_format_ = frame.format;
    av_channel_layout_uninit(&graph_layout_);
    if (av_channel_layout_copy(&graph_layout_, &frame.ch_layout) < 0) throw std::bad_alloc();
}

void AudioTranscoder::drain_graph() {
    for (;;) {
        const int rc = av_buffersink_get_frame(sink_, filtered_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
        check(rc, "audio filter failed", job_);
        encode(filtered_.get());
        av_frame_unref(filtered_.get());
    }
}

void AudioTranscoder::encode(AVFrame *frame) {
    check(avcodec_send_frame(encoder_.get(), frame), std::string(encoder_codec_->name) + " failed", job_);
    for (;;) {
        const int rc = avcodec_receive_packet(encoder_.get(), packet_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
        check(rc, std::string(encoder_codec_->name) + " failed", job_);
        output_.write(slot_, *packet_, encoder_->time_base);
        av_packet_unref(packet_.get());
    }
}

void AudioTranscoder::finish() {
    if (output_.is_dropped(slot_)) return;
    decoder_.flush([this](AVFrame &frame) { on_frame(frame); });
    if (graph_) {
        check(av_buffersrc_add_frame(source_, nullptr), "audio filter flush failed");
        drain_graph();
    }
    if (encoder_) encode(nullptr);
}

} // namespace sb::mp4
