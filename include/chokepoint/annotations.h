/*===- chokepoint/annotations.h - Recovery-path annotations -----*- C++ -*-===//
//
// Marks what `chokepoint check -p BUILD_DIR` reads from C and C++ code: which
// service a function belongs to, which objects serialise work (a single
// connection-pool supervisor), which functions enter customer traffic, look
// up service discovery, call other services, retry or recover.
//
// Under clang each macro is an attribute, [[clang::annotate("chokepoint:...",
// args...)]], that the analyzer reads from the AST; every other compiler, and
// clang when CHOKEPOINT_NO_ANNOTATIONS is defined, sees nothing, so the
// header changes no build. Arguments are literals: names are string literals,
// counts integer literals. docs/annotations.md has an example of each.
//
//   namespace CHOKEPOINT_SERVICE("voice-syncer") voice { ... }
//   class CHOKEPOINT_OWNER("pool", 1) ConnectionPool { ... };
//   CHOKEPOINT_ENTRY("customer") void startSession();
//   CHOKEPOINT_CALLS("sfu") void connectSfu();
//   CHOKEPOINT_LOOKUP("etcd") void resolve();
//   CHOKEPOINT_RETRY(3, "exponential") void dial();
//   CHOKEPOINT_RECOVERY("reconnect", "sfu-disconnect") void onDisconnect();
//   CHOKEPOINT_ALLOW("shared-single-owner", "drained before scale-down")
//
//===----------------------------------------------------------------------===*/

#ifndef CHOKEPOINT_ANNOTATIONS_H
#define CHOKEPOINT_ANNOTATIONS_H

/* The version of these annotations: the analyzer reads this one. */
#define CHOKEPOINT_ANNOTATIONS_VERSION 1

#if defined(__clang__) && !defined(CHOKEPOINT_NO_ANNOTATIONS)
#if defined(__cplusplus)
/* A standard attribute: before a declaration, or after `namespace`,
   `class` or `struct`. */
#define CHOKEPOINT_ANNOTATE_(...) [[clang::annotate(__VA_ARGS__)]]
#else
/* C: the GNU spelling, which every C standard accepts. */
#define CHOKEPOINT_ANNOTATE_(...) __attribute__((annotate(__VA_ARGS__)))
#endif
#else
#define CHOKEPOINT_ANNOTATE_(...)
#endif

/* Namespace or class: functions declared inside belong to service NAME. */
#define CHOKEPOINT_SERVICE(name)                                               \
  CHOKEPOINT_ANNOTATE_("chokepoint:service", name)
/* Class, global variable or function: a component NAME of the service with
   OWNERS owners (partitions); 1 makes it single-owner. A call to any method
   of the class, through the variable, or to the function passes through
   it. */
#define CHOKEPOINT_OWNER(name, owners)                                         \
  CHOKEPOINT_ANNOTATE_("chokepoint:owner", name, owners)
/* Function: customer traffic enters here ("customer" is the only kind). */
#define CHOKEPOINT_ENTRY(kind) CHOKEPOINT_ANNOTATE_("chokepoint:entry", kind)
/* Function: it calls these services (one or more names). */
#define CHOKEPOINT_CALLS(...)                                                  \
  CHOKEPOINT_ANNOTATE_("chokepoint:calls", __VA_ARGS__)
/* Function: a service-discovery or configuration lookup of SERVICE; every
   call it makes is control-plane traffic. */
#define CHOKEPOINT_LOOKUP(service)                                             \
  CHOKEPOINT_ANNOTATE_("chokepoint:lookup", service)
/* Function: each call it makes is tried ATTEMPTS times in all, with BACKOFF
   "none", "fixed" or "exponential". */
#define CHOKEPOINT_RETRY(attempts, backoff)                                    \
  CHOKEPOINT_ANNOTATE_("chokepoint:retry", attempts, backoff)
/* Function: a failure (TRIGGER) fires it; the calls it makes are recovery
   edges of KIND: retry, reconnect, restart, recreate, resync or failover. */
#define CHOKEPOINT_RECOVERY(kind, trigger)                                     \
  CHOKEPOINT_ANNOTATE_("chokepoint:recovery", kind, trigger)
/* Any of the above: findings of RULE at this declaration are accepted, for
   REASON. */
#define CHOKEPOINT_ALLOW(rule, reason)                                         \
  CHOKEPOINT_ANNOTATE_("chokepoint:allow", rule, reason)

#endif /* CHOKEPOINT_ANNOTATIONS_H */
