// The connection-pool supervisor of a voice-syncer node. Every outbound
// connection of the node -- to the SFUs and to etcd alike -- is created,
// handed out and closed here.
//
// VOICE_POOL_PARTITIONS says how many independent partitions serve it. The
// outage ran with one: a single supervisor per node, through which the
// reconnect storm and the etcd lookups queued together. The fix
// (samples/voice-code-fixed) builds the same code with 16.
#pragma once

#include "chokepoint/annotations.h"
#include "connection.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#ifndef VOICE_POOL_PARTITIONS
#define VOICE_POOL_PARTITIONS 1
#endif

namespace CHOKEPOINT_SERVICE("voice-syncer") voice {

  class CHOKEPOINT_OWNER("holster-pool", VOICE_POOL_PARTITIONS) ConnectionPool {
  public:
    /// The node's one pool.
    static ConnectionPool &instance();

    /// A live connection to Endpoint, dialled if there is none.
    Connection *acquire(const std::string &Endpoint);
    /// Gives a connection back; a dead one is closed.
    void release(Connection *C);
    /// Closes every connection to Endpoint (its node went away).
    void drop(const std::string &Endpoint);
    size_t size() const;

  private:
    /// One owner: its lock serialises everything sent to its endpoints.
    struct Partition {
      mutable std::mutex Lock;
      std::map<std::string, std::vector<std::unique_ptr<Connection>>> Idle;
    };
    Partition &partitionOf(const std::string &Endpoint);
    Connection *dial(const std::string &Endpoint);

    Partition Partitions[VOICE_POOL_PARTITIONS];
  };

} // namespace voice
