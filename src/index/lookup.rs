//! A subject search answered from the index (below).
