#include "audio_formats.hpp"

#include <sb/converter.hpp>

#include <string>

namespace sb::audio {
namespace {

constexpr AVCodecID kM4aCopy[] = {AV_CODEC_ID_AAC, AV_CODEC_ID_ALAC, AV_CODEC_ID_NONE};
constexpr AVCodecID kMp3Copy[] = {AV_CODEC_ID_MP3, AV_CODEC_ID_NONE};
constexpr AVCodecID kOpusCopy[] = {AV_CODEC_ID_OPUS, AV_CODEC_ID_NONE};
constexpr AVCodecID kFlacCopy[] = {AV_CODEC_ID_FLAC, AV_CODEC_ID_NONE};
// WAV can carry more (MP3, ADPCM...), but players expect PCM in a .wav.
constexpr AVCodecID kWavCopy[] = {AV_CODEC_ID_PCM_U8,    AV_CODEC_ID_PCM_S16LE, AV_CODEC_ID_PCM_S24LE,
                                  AV_CODEC_ID_PCM_S32LE, AV_CODEC_ID_PCM_F32LE, AV_CODEC_ID_PCM_F64LE,
                                  AV_CODEC_ID_PCM_ALAW,  AV_CODEC_ID_PCM_MULAW, AV_CODEC_ID_NONE};

// MP3 tops out at 320 kbit/s; libopus accepts up to 256 kbit/s per channel.
constexpr FormatSpec kSpecs[] = {
    {Format::m4a, "m4a", "ipod", "AAC or ALAC", false, 0, 0, kM4aCopy},
    {Format::mp3, "mp3", "mp3", "MP3", false, 0, 320000, kMp3Copy},
    {Format::opus, "opus", "opus", "Opus", false, 256000, 0, kOpusCopy},
    {Format::flac, "flac", "flac", "FLAC", true, 0, 0, kFlacCopy},
    {Format::wav, "wav", "wav", "little-endian PCM, A-law or mu-law", true, 0, 0, kWavCopy},
};

const AVCodec &find_encoder(const char *name) {
    const AVCodec *codec = avcodec_find_encoder_by_name(name);
    if (codec == nullptr) throw sb::sdk::Error(std::string("the ") + name + " encoder is not in this FFmpeg build");
    return *codec;
}

} // namespace

const FormatSpec &format_spec(Format format) noexcept {
    for (const auto &spec : kSpecs)
        if (spec.format == format) return spec;
    return kSpecs[0];
}

bool can_copy(const FormatSpec &spec, AVCodecID codec) noexcept {
    for (const AVCodecID *c = spec.copyable; *c != AV_CODEC_ID_NONE; ++c)
        if (*c == codec) return true;
    return false;
}

const char *format_that_holds(AVCodecID codec) noexcept {
    for (const auto &spec : kSpecs)
        if (can_copy(spec, codec)) return spec.name;
    return nullptr;
}

const AVCodec &encoder_for(const FormatSpec &spec, const AVCodecParameters &source) {
    switch (spec.format) {
    case Format::m4a: return find_encoder("aac");
    case Format::mp3: return find_encoder("libmp3lame");
    case Format::opus: return find_encoder("libopus");
    case Format::flac: return find_encoder("flac");
    case Format::wav: {
        // Demuxers of PCM often leave bits_per_raw_sample unset; the codec says it.
        const int bits = source.bits_per_raw_sample > 0 ? source.bits_per_raw_sample : av_get_exact_bits_per_sample(source.codec_id);
        return find_encoder(bits > 16 ? "pcm_s24le" : "pcm_s16le");
    }
    }
    return find_encoder("aac");
}

} // namespace sb::audio
