#include "extraction_plan.hpp"

#include <sb/converter.hpp>

#include <cstdlib>
#include <string>

namespace sb::audio {
namespace {

std::string rate_text(std::int64_t bps) { return std::to_string((bps + 500) / 1000) + "k"; }

// The source layout, or the usual one for its channel count when the file only
// says how many channels there are.
ChannelLayout source_layout(const AVCodecParameters &par) {
    if (par.ch_layout.order != AV_CHANNEL_ORDER_UNSPEC && par.ch_layout.nb_channels > 0) return ChannelLayout(par.ch_layout);
    AVChannelLayout guess{};
    av_channel_layout_default(&guess, par.ch_layout.nb_channels > 0 ? par.ch_layout.nb_channels : 2);
    return ChannelLayout(guess);
}

// Keep the source layout when the encoder takes it; else one with as many
// channels; else a stereo downmix; else whatever the encoder offers first.
ChannelLayout choose_layout(const AVCodec &encoder, const ChannelLayout &source) {
    if (encoder.ch_layouts == nullptr) return source;
    const AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    const AVChannelLayout *same_count = nullptr, *has_stereo = nullptr;
    for (const AVChannelLayout *l = encoder.ch_layouts; l->nb_channels != 0; ++l) {
        if (av_channel_layout_compare(l, &source.get()) == 0) return source;
        if (same_count == nullptr && l->nb_channels == source.get().nb_channels) same_count = l;
        if (has_stereo == nullptr && av_channel_layout_compare(l, &stereo) == 0) has_stereo = l;
    }
    if (same_count != nullptr) return ChannelLayout(*same_count);
    if (has_stereo != nullptr && source.get().nb_channels > 2) return ChannelLayout(*has_stereo);
    return ChannelLayout(encoder.ch_layouts[0]);
}

// The source rate when the encoder takes it, else the nearest one it has
// (ties go up: resampling down loses more).
int choose_sample_rate(const AVCodec &encoder, int source) {
    if (encoder.supported_samplerates == nullptr) return source;
    int best = encoder.supported_samplerates[0];
    for (const int *r = encoder.supported_samplerates; *r != 0; ++r) {
        if (*r == source) return source;
        const int d = std::abs(*r - source), best_d = std::abs(best - source);
        if (d < best_d || (d == best_d && *r > best)) best = *r;
    }
    return best;
}

// The source's sample format when the encoder takes it (planar or packed),
// else the encoder's first: no needless conversion, no lost precision when the
// encoder can carry it (FLAC keeps s32).
AVSampleFormat choose_sample_format(const AVCodec &encoder, AVSampleFormat source) {
    if (encoder.sample_fmts == nullptr) return source;
    if (source != AV_SAMPLE_FMT_NONE) {
        const AVSampleFormat packed = av_get_packed_sample_fmt(source), planar = av_get_planar_sample_fmt(source);
        for (const AVSampleFormat *f = encoder.sample_fmts; *f != AV_SAMPLE_FMT_NONE; ++f)
            if (*f == source) return source;
        for (const AVSampleFormat *f = encoder.sample_fmts; *f != AV_SAMPLE_FMT_NONE; ++f)
            if (*f == packed || *f == planar) return *f;
    }
    return encoder.sample_fmts[0];
}

void plan_copy(const AVCodecParameters &par, const Settings &settings, ExtractionPlan &plan) {
    const FormatSpec &spec = *plan.format;
    if (!can_copy(spec, par.codec_id)) {
        std::string reason = std::string("--copy: the ") + avcodec_get_name(par.codec_id) + " audio does not fit " + spec.name +
                             " (it holds " + spec.holds + "); ";
        if (const char *fits = format_that_holds(par.codec_id)) reason += std::string("use --format ") + fits + ", or ";
        throw sb::sdk::Error(reason + "drop --copy to re-encode");
    }
    plan.copy = true;
    plan.decisions.push_back(std::string("-> ") + spec.name + ": " + avcodec_get_name(par.codec_id) + " copied (no re-encoding)");
    if (settings.bitrate_given) plan.warnings.push_back("--audio-bitrate has no effect with --copy");
}

void plan_encode(const AVCodecParameters &par, const Settings &settings, ExtractionPlan &plan) {
    const FormatSpec &spec = *plan.format;
    const AVCodec &encoder = encoder_for(spec, par);
    plan.encoder = &encoder;
    if (par.sample_rate <= 0) throw sb::sdk::Error("the audio stream has no sample rate (damaged header)");

    const ChannelLayout source = source_layout(par);
    plan.layout = choose_layout(encoder, source);
    plan.sample_rate = choose_sample_rate(encoder, par.sample_rate);
    plan.sample_format = choose_sample_format(encoder, static_cast<AVSampleFormat>(par.format));
    if (plan.sample_format == AV_SAMPLE_FMT_S32) plan.bits_per_raw_sample = par.bits_per_raw_sample > 0 && par.bits_per_raw_sample < 24 ? par.bits_per_raw_sample : 24;

    const int channels = plan.layout.get().nb_channels;
    if (spec.lossless) {
        if (settings.bitrate_given) plan.warnings.push_back(std::string("--audio-bitrate has no effect: ") + spec.name + " is lossless");
    } else {
        plan.bitrate = settings.bitrate;
        std::int64_t max = spec.max_bitrate;
        if (spec.max_bitrate_per_channel > 0) max = spec.max_bitrate_per_channel * channels;
        if (max > 0 && plan.bitrate > max)
            throw sb::sdk::Error("--audio-bitrate " + rate_text(plan.bitrate) + ": " + spec.name + " allows at most " + rate_text(max) +
                                 (spec.max_bitrate_per_channel > 0
                                     ? " for " + std::to_string(channels) + (channels == 1 ? " channel" : " channels")
                                     : std::string()));
    }

    std::string line = std::string("-> ") + spec.name + ": " + encoder.name;
    if (plan.bitrate > 0) line += " " + rate_text(plan.bitrate);
    line += ", " + std::to_string(plan.sample_rate) + " Hz, " + plan.layout.describe();
    plan.decisions.push_back(line);
    if (plan.layout.get().nb_channels < source.get().nb_channels)
        plan.decisions.push_back("downmix " + source.describe() + " -> " + plan.layout.describe() + ": " + encoder.name +
                                 " takes at most " + std::to_string(plan.layout.get().nb_channels) + " channels");
    if (plan.sample_rate != par.sample_rate)
        plan.decisions.push_back("resample " + std::to_string(par.sample_rate) + " Hz -> " + std::to_string(plan.sample_rate) +
                                 " Hz: " + encoder.name + " does not take " + std::to_string(par.sample_rate) + " Hz");
}

} // namespace

ChannelLayout::ChannelLayout(const AVChannelLayout &layout) {
    if (av_channel_layout_copy(&layout_, &layout) < 0) throw std::bad_alloc();
}

ChannelLayout &ChannelLayout::operator=(const ChannelLayout &other) {
    if (this != &other && av_channel_layout_copy(&layout_, &other.layout_) < 0) throw std::bad_alloc();
    return *this;
}

std::string ChannelLayout::describe() const {
    char text[64] = {};
    if (av_channel_layout_describe(&layout_, text, sizeof text) < 0) return std::to_string(layout_.nb_channels) + " channels";
    return text;
}

std::string describe_source(const AVCodecParameters &par) {
    std::string text = avcodec_get_name(par.codec_id);
    if (par.sample_rate > 0) text += ", " + std::to_string(par.sample_rate) + " Hz";
    if (par.ch_layout.nb_channels > 0) text += ", " + source_layout(par).describe();
    return text;
}

ExtractionPlan plan_extraction(const AVFormatContext &input, const Settings &settings) {
    ExtractionPlan plan;
    plan.stream = choose_audio_stream(input, settings.stream);
    plan.format = &format_spec(settings.format);
    const AVStream &stream = *input.streams[plan.stream.index];
    const AVCodecParameters &par = *stream.codecpar;

    std::string source = "audio stream " + std::to_string(plan.stream.ordinal) + " of " + std::to_string(plan.stream.audio_count) +
                         ": " + describe_source(par);
    const AVDictionaryEntry *lang = av_dict_get(stream.metadata, "language", nullptr, 0);
    if (lang != nullptr && std::string(lang->value) != "und") source += std::string(" (") + lang->value + ")";
    plan.decisions.push_back(source);

    if (settings.copy)
        plan_copy(par, settings, plan);
    else
        plan_encode(par, settings, plan);
    return plan;
}

} // namespace sb::audio
