// The two ways a packet of the chosen stream reaches the output: copied as it
// is, or decoded and re-encoded. Used from the job's thread only.
#ifndef SB_AUDIO_AUDIO_PATH_HPP
#define SB_AUDIO_AUDIO_PATH_HPP

extern "C" {
#include <libavcodec/packet.h>
}

namespace sb::audio {

class AudioPath {
public:
    virtual ~AudioPath() = default;
    // One packet of the chosen input stream; the payload is consumed.
    virtual void write(AVPacket &packet) = 0;
    // End of input: flush everything still buffered into the output. Throws
    // when nothing usable came out of the input.
    virtual void finish() = 0;
    // Media time written so far, for progress.
    virtual double position_seconds() const noexcept = 0;
};

} // namespace sb::audio

#endif // SB_AUDIO_AUDIO_PATH_HPP
