// Native AOT on Linux, before the .NET runtime starts: the binary's zero-filled data is faulted in
// with one call instead of one page fault per page.
//
// Why: the runtime's first act is to unpack ("rehydrate") the whole program's type data, about 5 MB,
// into the binary's zero-filled section. Touched one page at a time, that is about 1 300 page
// faults, one trap each. In this project's test machine, a virtual machine, a trap is dear: the
// unpacking and its faults are the largest single item in a profile of the start (BENCHMARKS.md,
// HTTP). Asked for in one madvise call, the kernel fills the pages in one pass, with no trap per
// page. A kernel without MADV_POPULATE_WRITE (before Linux 5.14) refuses the call and the pages
// fault in as before.
//
// Linked into the Native AOT build only (JobQueue.Dispatcher.csproj): the JIT build has no such section.
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static int populate_zero_filled(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    for (int i = 0; i < info->dlpi_phnum; i++)
    {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || !(segment->p_flags & PF_W))
        {
            continue;
        }

        // The writable segment's pages beyond what the file holds: .bss and the rehydrated data.
        uintptr_t start = (info->dlpi_addr + segment->p_vaddr + segment->p_filesz + page - 1) & ~(page - 1);
        uintptr_t end = (info->dlpi_addr + segment->p_vaddr + segment->p_memsz + page - 1) & ~(page - 1);
        if (end > start)
        {
            madvise((void *)start, end - start, MADV_POPULATE_WRITE);
        }
    }

    // The executable is the first object listed; the shared libraries after it are left alone.
    return 1;
}

__attribute__((constructor)) static void populate_before_runtime_start(void)
{
    dl_iterate_phdr(populate_zero_filled, NULL);
}
