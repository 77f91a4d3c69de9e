/*
 * hwopt kernel arena: the heap of a timing harness (see KernelArena.cs).
 *
 * The harness object is linked with -Wl,--wrap=malloc -Wl,--wrap=free, so the malloc and free calls of the lowered
 * kernels and of the harness itself come here; the MLIR runner libraries and libc keep glibc's allocator.
 *
 * Why: with glibc, the address of a buffer a kernel allocates inside the timed call (its result, a padded copy)
 * depends on what the process allocated before, so its offset within a page, and with it 4K aliasing against the
 * argument streams, changes with the kernels that run before it; and whether a large block comes from a fresh mmap
 * (page faults on every call) or from the heap depends on glibc's dynamic mmap threshold, also a function of
 * history. Both made the same kernel measure up to 2x apart in two batches.
 *
 * What: one reserved virtual range. Allocation i of the live list starts at a page boundary plus a fixed stagger of
 * (i * STAGGER) mod PAGE bytes, the same stagger as the harness's arguments. A freed block is reused by the first
 * later request that fits it (first fit, in list order); trailing freed blocks are released, so a kernel that
 * allocates and frees the same sequence on every call gets the same addresses on every call and in every process,
 * and touches no new page after its warm-up calls. Deterministic: no randomness, no dependence on earlier batches
 * once each bench function has freed what it allocated.
 *
 * Limits: at most MAX_BLOCKS live blocks, and the largest range from RESERVE_MAX down (halving) that the process's
 * address-space limit lets it reserve; beyond either the process prints a message on stderr and aborts (the
 * profiler records the kernel as failed).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define PAGE ((size_t)4096)
#define HUGE_PAGE ((size_t)2 << 20)
#define STAGGER ((size_t)640)
#define RESERVE_MAX ((size_t)64 << 30)
#define RESERVE_MIN ((size_t)256 << 20)
#define MAX_BLOCKS 65536

static char *arena;
static size_t arena_bytes;          /* reserved range */
static size_t top;                  /* bytes of the range in use, up to the end of the last block */
static size_t start[MAX_BLOCKS];    /* block offset (page-aligned) */
static size_t capacity[MAX_BLOCKS]; /* block bytes, a multiple of PAGE */
static unsigned char is_free[MAX_BLOCKS];
static int blocks;

void __real_free(void *p);

static size_t shift_of(int i) { return ((size_t)i * STAGGER) % PAGE; }

static void fail(const char *what, size_t size)
{
    fprintf(stderr, "hwopt kernel arena: %s (request of %zu bytes, %d blocks, %zu bytes in use)\n", what, size, blocks, top);
    abort();
}

void *__wrap_malloc(size_t size)
{
    if (arena == NULL)
    {
        for (size_t bytes = RESERVE_MAX; bytes >= RESERVE_MIN && arena == NULL; bytes /= 2)
        {
            void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
            if (p != MAP_FAILED)
            {
                /* Start on a huge-page boundary and ask for transparent huge pages (THP "madvise" mode). */
                uintptr_t first = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
                arena = (char *)first;
                arena_bytes = bytes - (first - (uintptr_t)p);
                madvise(arena, arena_bytes, MADV_HUGEPAGE);
            }
        }
        if (arena == NULL) fail("cannot reserve an address range", size);
    }
    for (int i = 0; i < blocks; i++)
    {
        if (is_free[i] && capacity[i] >= size + shift_of(i))
        {
            is_free[i] = 0;
            return arena + start[i] + shift_of(i);
        }
    }
    if (blocks == MAX_BLOCKS) fail("too many live blocks", size);
    size_t shift = shift_of(blocks);
    if (size > arena_bytes - shift - PAGE) fail("request larger than the arena", size);
    size_t need = (size + shift + PAGE - 1) & ~(PAGE - 1);
    if (need == 0) need = PAGE;
    if (top + need > arena_bytes) fail("arena exhausted", size);
    start[blocks] = top;
    capacity[blocks] = need;
    is_free[blocks] = 0;
    top += need;
    return arena + start[blocks++] + shift;
}

void __wrap_free(void *p)
{
    if (p == NULL) return;
    char *c = (char *)p;
    if (arena == NULL || c < arena || c >= arena + arena_bytes)
    {
        __real_free(p);
        return;
    }
    for (int i = blocks - 1; i >= 0; i--)
    {
        if (arena + start[i] + shift_of(i) == c)
        {
            is_free[i] = 1;
            break;
        }
    }
    while (blocks > 0 && is_free[blocks - 1])
    {
        blocks--;
        top = start[blocks];
    }
}
