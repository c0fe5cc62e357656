package dev.joulebench.energy.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.energy.nvml.CudaDeviceOrder.Candidate;
import dev.joulebench.energy.nvml.CudaDeviceOrder.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The NVML-to-CUDA index rule on hand-made machines. */
class CudaDeviceOrderTest {
    // NVML order deliberately differs from PCI order.
    static final Candidate A = new Candidate(0, "NVIDIA A100", "GPU-aaaa-1", 0x0300, 8, 0, 6912L * 1410);
    static final Candidate B = new Candidate(1, "NVIDIA H100", "GPU-bbbb-2", 0x0100, 9, 0, 16896L * 1980);
    static final Candidate C = new Candidate(2, "NVIDIA H100", "GPU-bbbc-3", 0x0200, 9, 0, 16896L * 1980);

    static List<Integer> nvml(List<Candidate> cs) {
        return cs.stream().map(Candidate::nvmlIndex).toList();
    }

    @Test
    void identicalGpusArePciOrderedAndExact() {
        Result r = CudaDeviceOrder.resolve(List.of(C, B), Map.of());
        assertThat(nvml(r.visible())).containsExactly(1, 2);
        assertThat(r.exact()).isTrue();
        assertThat(r.rule()).contains("FASTEST_FIRST", "one GPU model", "CUDA_VISIBLE_DEVICES unset");
        assertThat(r.cudaIndexOf(2)).isEqualTo(1);
    }

    @Test
    void mixedGpusFastestFirstIsApproximatedAndFlagged() {
        Result r = CudaDeviceOrder.resolve(List.of(A, B, C), Map.of());
        assertThat(nvml(r.visible())).containsExactly(1, 2, 0);
        assertThat(r.exact()).isFalse();
        assertThat(r.rule()).contains("CUDA_DEVICE_ORDER=PCI_BUS_ID for an exact mapping");
    }

    @Test
    void speedBreaksComputeCapabilityTies() {
        Candidate slow = new Candidate(0, "NVIDIA L4", "GPU-1", 0x0100, 8, 9, 7424L * 2040);
        Candidate fast = new Candidate(1, "NVIDIA RTX 6000 Ada", "GPU-2", 0x0200, 8, 9, 18176L * 2505);
        assertThat(nvml(CudaDeviceOrder.resolve(List.of(slow, fast), Map.of()).visible())).containsExactly(1, 0);
        Candidate unknown = new Candidate(1, "NVIDIA RTX 6000 Ada", "GPU-2", 0x0200, 8, 9, -1);
        assertThat(nvml(CudaDeviceOrder.resolve(List.of(slow, unknown), Map.of()).visible())).containsExactly(0, 1);
    }

    @Test
    void pciBusIdOrderIsExact() {
        Result r = CudaDeviceOrder.resolve(List.of(A, B, C), Map.of("CUDA_DEVICE_ORDER", "PCI_BUS_ID"));
        assertThat(nvml(r.visible())).containsExactly(1, 2, 0);
        r = CudaDeviceOrder.resolve(List.of(A, C), Map.of("CUDA_DEVICE_ORDER", "PCI_BUS_ID"));
        assertThat(nvml(r.visible())).containsExactly(2, 0);
        assertThat(r.exact()).isTrue();
    }

    @Test
    void unknownPciFallsBackToNvmlOrder() {
        Candidate x = new Candidate(0, "G", "GPU-x", -1, 8, 0, -1);
        Candidate y = new Candidate(1, "G", "GPU-y", 0x0100, 8, 0, -1);
        Result r = CudaDeviceOrder.resolve(List.of(y, x), Map.of("CUDA_DEVICE_ORDER", "PCI_BUS_ID"));
        assertThat(nvml(r.visible())).containsExactly(0, 1);
        assertThat(r.exact()).isFalse();
    }

    @Test
    void visibleDevicesIndicesAreIntoTheCudaOrderAndReorder() {
        Map<String, String> env = Map.of("CUDA_DEVICE_ORDER", "PCI_BUS_ID", "CUDA_VISIBLE_DEVICES", "2, 0");
        Result r = CudaDeviceOrder.resolve(List.of(A, B, C), env);
        assertThat(nvml(r.visible())).containsExactly(0, 1); // PCI order is B, C, A: index 2 = A, 0 = B
        assertThat(r.cudaIndexOf(2)).isEqualTo(-1);
        assertThat(r.warning()).isNull();
    }

    @Test
    void uuidPrefixesSelectAndAmbiguityOrNoMatchStopsTheList() {
        List<Candidate> all = List.of(A, B, C);
        Result r = CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "GPU-bbbc,GPU-aaaa-1"));
        assertThat(nvml(r.visible())).containsExactly(2, 0);
        assertThat(r.warning()).isNull();
        r = CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "GPU-aaaa,GPU-bbb,GPU-bbbc"));
        assertThat(nvml(r.visible())).containsExactly(0);
        assertThat(r.warning()).contains("'GPU-bbb'", "more than one GPU");
        r = CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "GPU-BBBC"));
        assertThat(nvml(r.visible())).containsExactly(2); // hex in either case, as the CUDA runtime
        r = CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "GPU-ffff"));
        assertThat(r.visible()).isEmpty();
        assertThat(r.warning()).contains("matches no GPU");
        r = CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "GPU-bbbc,1"));
        assertThat(nvml(r.visible())).containsExactly(2); // UUID mode: an index ends the list
    }

    @Test
    void repeatedGpuHidesEveryGpu() {
        List<Candidate> all = List.of(A, B, C);
        Result r = CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "0,1,0"));
        assertThat(r.visible()).isEmpty();
        assertThat(r.warning()).contains("repeats index 0", "no GPU");
        assertThat(CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "GPU-bbbc,GPU-bbbc-3")).visible())
                .isEmpty();
        assertThat(CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "GPU-aaaa,GPU-aaaa")).visible())
                .isEmpty();
    }

    @Test
    void indicesAreReadLikeStrtoulAndTheListStopsAtTheFirstBadOne() {
        List<Candidate> all = List.of(A, B, C);
        assertThat(nvml(CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "1,7,0")).visible()))
                .containsExactly(2);
        assertThat(nvml(CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", " 2 ,1gpu,+0")).visible()))
                .containsExactly(0, 2, 1);
        assertThat(CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "-1")).visible()).isEmpty();
        assertThat(nvml(CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "0,,1")).visible()))
                .containsExactly(1);
        assertThat(nvml(CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "0,GPU-aaaa-1")).visible()))
                .containsExactly(1);
        Result empty = CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", ""));
        assertThat(empty.visible()).isEmpty();
        assertThat(empty.warning()).isNull();
        assertThat(CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "99999999999")).visible()).isEmpty();
        Result mig = CudaDeviceOrder.resolve(all, Map.of("CUDA_VISIBLE_DEVICES", "MIG-1234"));
        assertThat(mig.visible()).isEmpty();
        assertThat(mig.warning()).contains("MIG");
    }

    @Test
    void strtoulMatchesPytorchsModel() {
        assertThat(CudaDeviceOrder.strtoul("12")).isEqualTo(12);
        assertThat(CudaDeviceOrder.strtoul("3ampere")).isEqualTo(3);
        assertThat(CudaDeviceOrder.strtoul("+4")).isEqualTo(4);
        assertThat(CudaDeviceOrder.strtoul("-2")).isEqualTo(-1);
        assertThat(CudaDeviceOrder.strtoul("")).isEqualTo(-1);
        assertThat(CudaDeviceOrder.strtoul("x1")).isEqualTo(-1);
        assertThat(CudaDeviceOrder.strtoul("+")).isEqualTo(-1);
    }
}
