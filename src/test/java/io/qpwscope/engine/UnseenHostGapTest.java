package io.qpwscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qpwscope.engine.host.HostSource;
import io.qpwscope.engine.host.HostTime;
import io.qpwscope.engine.qpw.QpwStruct;
import io.qpwscope.engine.spec.EngineSpec;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioResolver;
import io.qpwscope.trace.Site;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An interruption's split when its kworker stalls in three ways, each for {@value #STALL_NS} ns:
 * on a core without reading the CPU's clock (what a hypervisor's unseen stall looks like from
 * inside: host time, never kernel), spinning on the CPU's own clock (a modelled cost: kernel,
 * never a gap), and parked (the guest sees the thread off its core: pause, and not counted a
 * second time as an unseen gap).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnseenHostGapTest {
    private static final long STALL_NS = 400_000;
    private static final int ISOLATED = 3;
    private static final int CLOCKED_TRIES = 20;
    private int clockedTries;
    /** The clocked spin whose thread kept its core throughout, or -1 (written by CPU 3's thread before its flush returns). */
    private volatile int onCoreTry = -1;

    private static Scenario noTriggers() {
        Scenario s = Scenarios.flushbufs(false, false, 1000, "nohz_full=3");
        return new Scenario(s.name(), s.description(), s.machine(), s.kernel(), s.sched(), s.workloads(), List.of(),
                60_000, s.costs(), s.trace(), s.narration());
    }

    /** Queues {@code body} from CPU 0 to the isolated CPU (running its task: an interruption) and waits for it. */
    private static void interruptWith(Machine m, QpwStruct.WorkFunc body) throws InterruptedException {
        QpwStruct w = new QpwStruct(Site.WORK_LRU_DRAIN);
        w.init(body, ISOLATED);
        CountDownLatch done = new CountDownLatch(1);
        m.cpu(0).submit(self -> {
            m.qpw.queue_work_on(self, ISOLATED, "mm_percpu_wq", w);
            m.qpw.flush_work(self, w);
            done.countDown();
        });
        assertTrue(done.await(30, TimeUnit.SECONDS), "the work ran and its flush returned");
    }

    @Test
    void shouldCountAStallWithoutClockReadsAsHostTimeAModelledSpinAsKernelAndAParkOnce() throws Exception {
        assumeTrue(HostTime.system().source() == HostSource.SCHEDSTAT, "needs schedstat for the split");
        EngineSpec spec = ScenarioResolver.resolve(noTriggers(), 0, null);
        Engine e = new Engine(spec);
        e.start();
        try {
            Machine m = e.machine();
            interruptWith(m, (self, w) -> { // on a core, no clock read of the CPU's: an unseen stall
                long end = System.nanoTime() + STALL_NS;
                while (System.nanoTime() < end) Thread.onSpinWait();
            });
            // A modelled cost, clocked by the CPU itself. The claim is about a spin that kept its core:
            // one the host switched out (seen as run-queue wait) ends early, by the CPU's clock, with
            // the host's time as steal. So spin again until a spin's thread ran throughout (thread
            // CPU time ~ wall time), at most CLOCKED_TRIES times; that one's split is checked.
            java.lang.management.ThreadMXBean cpuTime = java.lang.management.ManagementFactory.getThreadMXBean();
            while (clockedTries < CLOCKED_TRIES && onCoreTry < 0) {
                int attempt = clockedTries++;
                interruptWith(m, (self, w) -> {
                    long cpu0 = cpuTime.getCurrentThreadCpuTime();
                    long start = self.now(), end = start + STALL_NS;
                    long now;
                    while ((now = self.now()) < end) Thread.onSpinWait();
                    long cpu = cpuTime.getCurrentThreadCpuTime() - cpu0;
                    if (cpu >= (now - start) * 9 / 10) onCoreTry = attempt;
                });
            }
            interruptWith(m, (self, w) -> { // parked: off the core, and the guest sees it
                // STALL_NS asked of the sleep itself: a deadline set before the first park let a thread
                // switched out before parking (load 8) skip the park, and then all of it was rightly steal
                long asked = STALL_NS;
                while (asked > 0) {
                    long t = System.nanoTime();
                    LockSupport.parkNanos(asked);
                    asked -= System.nanoTime() - t;
                }
            });
        } finally {
            e.stop();
        }
        List<Summary.Interruption> list = e.summary().cpus().get(ISOLATED).interruptionList();
        assertEquals(clockedTries + 2, list.size(), "one interruption per queued item: " + list);
        for (Summary.Interruption i : list) {
            assertEquals(i.offCpuNs(), i.kernelNs() + i.stealNs() + i.pauseNs(), "the parts add up: " + i);
            assertTrue(i.offCpuNs() >= STALL_NS, "each lasted the stall at least: " + i);
        }
        Summary.Interruption unseen = list.get(0), parked = list.get(list.size() - 1);
        assertTrue(unseen.stealNs() + unseen.pauseNs() >= STALL_NS * 3 / 4,
                "a stall between two clock reads is the host's, not the kernel's: " + unseen);
        assertTrue(parked.pauseNs() >= STALL_NS * 3 / 4,
                "a park the guest saw stays pause (not counted again as an unseen gap): " + parked);
        // At load 18 on 2 cores no 400 µs spin in 10 kept its core (each ran ~100 µs, then waited):
        // the claim cannot be checked on such a host, which says nothing about the split.
        assumeTrue(onCoreTry >= 0, "in " + CLOCKED_TRIES + " clocked spins the host never left the thread its core: " + list);
        Summary.Interruption clocked = list.get(1 + onCoreTry);
        assertTrue(clocked.kernelNs() >= STALL_NS * 5 / 8,
                "a spin that reads the CPU's clock throughout is the model's own cost: " + clocked);
    }
}
