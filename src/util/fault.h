/* fault.h - fault injection for the test build, after SQLite's
 * (src/test_malloc.c: a malloc that fails on the N-th call, and the
 * "ioerr" tests: an I/O call that fails once with SQLITE_IOERR).
 *
 * `make faults` builds build-fault/bin/rapport with -DRAPPORT_FAULTS and
 * links it with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc, so every
 * allocation of rapport and of the libraries linked into it (cmark-gfm,
 * Lua, libcsv, fontconfig, FreeType, expat, zlib, libpng, json-c, ...)
 * passes through fault_hit; libharu (a shared library) allocates through
 * pdf.c's HPDF_NewEx allocator, and the writes of util/fs.c call FAULT_IO
 * before each open, write, close, rename and mkdir. In a normal build the
 * macros are constant false and the wrappers do not exist.
 *
 * A site is a place that can fail: for an allocation the return address
 * of the allocating call (the caller of xmalloc, the line of cmark or
 * libharu that called our allocator), for I/O the hook's line together
 * with the caller of the fs function. A site is named across runs by its
 * object file and offset ("rapport+0x1a2b3c", "libhpdf.so.2+0x4f10"), an
 * offset addr2line resolves, so the name does not depend on address-space
 * randomisation or on the order in which sites are first reached (Lua's
 * string hashes are seeded at random, so that order can change).
 *
 * We fail the first call at one site per run, for every site in turn,
 * rather than the N-th allocation: a build makes hundreds of thousands of
 * allocations through a few hundred sites, so one run per site covers every
 * failure path the code has in a few minutes, where sampling N would test
 * the same few paths (Lua's, the buffers') again and again. A few sites
 * are funnels (libharu allocates everything through HPDF_GetMem, a Lua
 * state through its allocator), and a failure there is handled
 * differently at each stage: for a site whose first failure did not end
 * in mem_fail, faults.sh also fails its second, middle and last call.
 *
 * The environment, read at the first call:
 *   RAPPORT_FAULT_LOG=FILE  appends "site NAME" for every site when
 *                           first reached, "fail NAME" when it fails
 *                           one, and at a normal exit "calls N NAME"
 *   RAPPORT_FAULT=NAME[#N]  the first (or N-th) call at site NAME fails
 *                           (an allocation returns NULL with ENOMEM, an
 *                           I/O call fails with the errno its hook
 *                           gives); only one call fails per process
 * where NAME is "alloc OBJECT+0xOFFSET" or "io FILE:LINE OBJECT+0xOFFSET"
 * (the line of the hook, the offset of the fs function's caller). */
#ifndef RAPPORT_FAULT_H
#define RAPPORT_FAULT_H

#include <errno.h>
#include <stdbool.h>

#ifdef RAPPORT_FAULTS
/* True if this call should fail; then errno is err. `what` names the hook
 * (a string literal: its address is part of the site), `caller` the
 * return address that tells one call site from another. Thread-safe, and
 * allocates nothing. */
bool fault_hit(const char *what, const void *caller, int err);
/* In an allocator: fail as its caller's site. */
#define FAULT_ALLOC() fault_hit("alloc", __builtin_return_address(0), ENOMEM)
/* In an fs function: fail with err as this hook's line and the caller of
 * the fs function. */
#define S_FAULT_STR2(l) #l
#define S_FAULT_STR(l) S_FAULT_STR2(l)
#define FAULT_IO(err)                                                         \
  fault_hit("io " __FILE__ ":" S_FAULT_STR(__LINE__),                         \
            __builtin_return_address(0), (err))
#else
#define FAULT_ALLOC() false
#define FAULT_IO(err) false
#endif

#endif
