#include "stream_choice.hpp"

#include <sb/converter.hpp>

#include <string>
#include <vector>

namespace sb::audio {
namespace {

std::vector<int> audio_streams(const AVFormatContext &input) {
    std::vector<int> out;
    for (unsigned i = 0; i < input.nb_streams; ++i)
        if (input.streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) out.push_back(static_cast<int>(i));
    return out;
}

std::string no_audio_reason(const AVFormatContext &input) {
    for (unsigned i = 0; i < input.nb_streams; ++i)
        if (input.streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) return "no audio stream (the file has only video)";
    return "no audio stream in this file";
}

} // namespace

int audio_stream_count(const AVFormatContext &input) noexcept {
    int n = 0;
    for (unsigned i = 0; i < input.nb_streams; ++i) n += input.streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO;
    return n;
}

ChosenStream choose_audio_stream(const AVFormatContext &input, std::optional<int> wanted) {
    const std::vector<int> audio = audio_streams(input);
    if (audio.empty()) throw sb::sdk::Error(no_audio_reason(input));
    ChosenStream chosen;
    chosen.audio_count = static_cast<int>(audio.size());
    if (wanted) {
        if (*wanted < 0 || *wanted >= chosen.audio_count) {
            const std::string count = std::to_string(chosen.audio_count);
            throw sb::sdk::Error("--stream " + std::to_string(*wanted) + ": the file has " + count + " audio stream" +
                                 (chosen.audio_count == 1 ? " (use 0)" : "s (use 0 to " + std::to_string(chosen.audio_count - 1) + ")"));
        }
        chosen.ordinal = *wanted;
    } else {
        // Matroska and MP4 mark the track a player starts with; most files mark
        // every track or none, and then the first one wins.
        for (std::size_t i = 0; i < audio.size(); ++i) {
            if (input.streams[audio[i]]->disposition & AV_DISPOSITION_DEFAULT) {
                chosen.ordinal = static_cast<int>(i);
                break;
            }
        }
    }
    chosen.index = audio[static_cast<std::size_t>(chosen.ordinal)];
    return chosen;
}

} // namespace sb::audio
