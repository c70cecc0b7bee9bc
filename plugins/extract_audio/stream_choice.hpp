// Which audio stream of the input `sb audio` extracts.
#ifndef SB_AUDIO_STREAM_CHOICE_HPP
#define SB_AUDIO_STREAM_CHOICE_HPP

extern "C" {
#include <libavformat/avformat.h>
}

#include <optional>

namespace sb::audio {

struct ChosenStream {
    int index = -1;   // in AVFormatContext::streams
    int ordinal = 0;  // among the audio streams, from 0 (what --stream counts)
    int audio_count = 0;
};

// With `wanted`: the wanted-th audio stream. Without: the first audio stream
// marked default, else the first audio stream. Throws sb::sdk::Error for a file
// without audio ("no audio stream (the file has only video)") or a --stream
// beyond the last one.
ChosenStream choose_audio_stream(const AVFormatContext &input, std::optional<int> wanted);

// Number of audio streams.
int audio_stream_count(const AVFormatContext &input) noexcept;

} // namespace sb::audio

#endif // SB_AUDIO_STREAM_CHOICE_HPP
