package dev.joulebench.energy.nvml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps NVML's devices to CUDA device indices as a CUDA application (PyTorch, DJL) in this
 * environment sees them, so that sensor {@code gpuK} measures {@code cuda:K}.
 *
 * <p>The rule, from the CUDA programming guide's environment variables:
 * <ol>
 *   <li>CUDA first orders all GPUs. With {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}: by PCI bus id,
 *       ascending (PCI domain, bus, device). Otherwise ({@code FASTEST_FIRST}, the default) by an
 *       undocumented "fastest first" heuristic. Identical GPUs tie and come out in PCI bus order, so
 *       the mapping is exact on the usual one-model machine. For mixed models Joulebench
 *       approximates the heuristic: higher compute capability first, then more cores x higher
 *       maximum SM clock (when NVML reports both for every GPU), then PCI bus id; the result is
 *       flagged as not exact, and {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} makes it exact.</li>
 *   <li>{@code CUDA_VISIBLE_DEVICES}, when set, picks and reorders: the K-th entry becomes CUDA
 *       device K, GPUs not listed are hidden and get no sensor. Parsed as PyTorch parses it (its
 *       {@code torch.cuda} NVML helpers follow CUDA): if the value starts with {@code GPU-} every
 *       entry is a GPU UUID or a prefix of one ({@code GPU-8932f937}), its hex digits matched in
 *       either case as the CUDA runtime does (and so libtorch and DJL; Python's
 *       {@code torch.cuda.device_count()} alone counts an upper-case UUID as no GPU);
 *       otherwise each entry is read like {@code strtoul} ({@code " 1"} and {@code "1gpu"} are 1)
 *       as an index into the order of step 1. The list stops at the first entry that is not an
 *       index or UUID, is out of range, or matches no GPU or several; a repeated GPU hides every
 *       GPU; an empty value hides every GPU. {@code MIG-} instances are not mapped (no GPU sensor,
 *       with a warning).</li>
 * </ol>
 * NVML's own index is not used for the mapping: NVML does not promise its enumeration order.
 */
public final class CudaDeviceOrder {
    private CudaDeviceOrder() {}

    /**
     * What the mapping needs to know about one GPU.
     *
     * @param nvmlIndex NVML's index
     * @param name      marketing name, to tell whether all GPUs are the same model
     * @param uuid      {@code GPU-...}, or null when NVML could not give it
     * @param pciKey    (domain &lt;&lt; 16) | (bus &lt;&lt; 8) | device, or -1 when unknown
     * @param ccMajor   CUDA compute capability, -1 when unknown
     * @param ccMinor   -1 when unknown
     * @param speed     cores x max SM clock in MHz, -1 when unknown
     */
    public record Candidate(int nvmlIndex, String name, String uuid, long pciKey, int ccMajor, int ccMinor,
                            long speed) {}

    /**
     * @param physicalOrder every GPU in CUDA's order before {@code CUDA_VISIBLE_DEVICES}
     * @param visible       the GPUs CUDA shows, in CUDA index order: {@code visible.get(K)} is {@code cuda:K}
     * @param exact         false when the fastest-first order was approximated for mixed models
     * @param rule          one line saying which rule applied, for descriptions and provenance
     * @param warning       why part of {@code CUDA_VISIBLE_DEVICES} was ignored, or null
     */
    public record Result(List<Candidate> physicalOrder, List<Candidate> visible, boolean exact, String rule,
                         String warning) {
        public Result {
            physicalOrder = List.copyOf(physicalOrder);
            visible = List.copyOf(visible);
        }

        /** CUDA index of the GPU with this NVML index, or -1 when CUDA does not see it. */
        public int cudaIndexOf(int nvmlIndex) {
            for (int k = 0; k < visible.size(); k++) {
                if (visible.get(k).nvmlIndex() == nvmlIndex) {
                    return k;
                }
            }
            return -1;
        }
    }

    /** Applies the rule to {@code gpus} with the environment variables in {@code env}. */
    public static Result resolve(List<Candidate> gpus, Map<String, String> env) {
        List<Candidate> pciOrder = new ArrayList<>(gpus);
        boolean allPci = gpus.stream().allMatch(g -> g.pciKey() >= 0);
        pciOrder.sort(allPci ? Comparator.comparingLong(Candidate::pciKey) : Comparator.comparingInt(Candidate::nvmlIndex));
        String pciNote = allPci ? "PCI bus order" : "NVML order (PCI bus id unknown for some GPU)";

        String orderVar = env.get("CUDA_DEVICE_ORDER");
        List<Candidate> physical;
        boolean exact;
        StringBuilder rule = new StringBuilder();
        if (orderVar != null && orderVar.trim().equalsIgnoreCase("PCI_BUS_ID")) {
            physical = pciOrder;
            exact = allPci;
            rule.append("CUDA_DEVICE_ORDER=PCI_BUS_ID: ").append(pciNote);
        } else {
            rule.append("CUDA_DEVICE_ORDER=").append(orderVar == null ? "unset (FASTEST_FIRST)" : orderVar.trim())
                    .append(": ");
            boolean sameModel = gpus.stream().map(g -> Objects.toString(g.name()) + "/" + g.ccMajor() + "." + g.ccMinor())
                    .distinct().count() <= 1;
            if (sameModel) {
                physical = pciOrder;
                exact = allPci;
                rule.append("one GPU model, so ").append(pciNote);
            } else {
                physical = new ArrayList<>(pciOrder);
                boolean speedKnown = gpus.stream().allMatch(g -> g.speed() > 0);
                Comparator<Candidate> fastest = Comparator
                        .comparingInt((Candidate g) -> g.ccMajor()).reversed()
                        .thenComparing(Comparator.comparingInt((Candidate g) -> g.ccMinor()).reversed());
                if (speedKnown) {
                    fastest = fastest.thenComparing(Comparator.comparingLong(Candidate::speed).reversed());
                }
                physical.sort(fastest); // stable: ties stay in PCI order
                exact = false;
                rule.append("mixed GPU models, fastest-first approximated by compute capability")
                        .append(speedKnown ? ", cores x max SM clock" : "")
                        .append(", then ").append(pciNote)
                        .append(" (set CUDA_DEVICE_ORDER=PCI_BUS_ID for an exact mapping)");
            }
        }

        String visibleVar = env.get("CUDA_VISIBLE_DEVICES");
        List<Candidate> visible = new ArrayList<>();
        String warning = null;
        if (visibleVar == null) {
            visible.addAll(physical);
            rule.append("; CUDA_VISIBLE_DEVICES unset: all GPUs");
        } else {
            rule.append("; CUDA_VISIBLE_DEVICES=").append(visibleVar);
            warning = select(visibleVar, physical, visible);
        }
        return new Result(physical, visible, exact, rule.toString(), warning);
    }

    /**
     * Fills {@code visible} from a {@code CUDA_VISIBLE_DEVICES} value the way PyTorch's
     * {@code torch.cuda._parse_visible_devices} and {@code _transform_uuid_to_ordinals} do (which
     * follow CUDA): the first entry decides between UUID and integer mode.
     *
     * @return why entries were ignored, or null
     */
    private static String select(String value, List<Candidate> physical, List<Candidate> visible) {
        if (value.startsWith("MIG-")) {
            return "CUDA_VISIBLE_DEVICES lists MIG instances, which are not mapped to GPUs here: no GPU sensor";
        }
        String[] entries = value.split(",", -1);
        if (value.startsWith("GPU-")) {
            List<String> seen = new ArrayList<>();
            for (String entry : entries) {
                if (seen.contains(entry)) {
                    visible.clear();
                    return "CUDA_VISIBLE_DEVICES repeats '" + entry + "': CUDA then shows no GPU";
                }
                if (!entry.startsWith("GPU-")) {
                    return stop(entry, "is not a GPU UUID");
                }
                seen.add(entry);
                Candidate match = null;
                boolean ambiguous = false;
                for (Candidate c : physical) {
                    if (c.uuid() != null && c.uuid().regionMatches(true, 0, entry, 0, entry.length())) {
                        ambiguous = match != null;
                        if (ambiguous) {
                            break;
                        }
                        match = c;
                    }
                }
                if (match == null || ambiguous) {
                    return stop(entry, ambiguous ? "matches more than one GPU" : "matches no GPU");
                }
                if (visible.contains(match)) {
                    visible.clear();
                    return "CUDA_VISIBLE_DEVICES names GPU " + match.uuid() + " twice: CUDA then shows no GPU";
                }
                visible.add(match);
            }
            return null;
        }
        List<Long> seen = new ArrayList<>();
        for (String entry : entries) {
            long k = strtoul(entry.trim());
            if (seen.contains(k)) {
                visible.clear();
                return "CUDA_VISIBLE_DEVICES repeats index " + k + ": CUDA then shows no GPU";
            }
            if (k < 0) {
                return value.isEmpty() ? null : stop(entry, "is not a device index");
            }
            if (k >= physical.size()) {
                return stop(entry, "is beyond the " + physical.size() + " GPU(s) present");
            }
            seen.add(k);
            visible.add(physical.get((int) k));
        }
        return null;
    }

    private static String stop(String entry, String problem) {
        return "CUDA_VISIBLE_DEVICES entry '" + entry + "' " + problem + ": it and the entries after it are ignored, as CUDA does";
    }

    /**
     * Like C's {@code strtoul} as PyTorch models it: the integer the text starts with (an optional
     * sign, then digits; "1gpu" is 1), or -1 when it starts with none or is negative.
     */
    static long strtoul(String s) {
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digitsFrom = i;
        long value = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            value = Math.min(Integer.MAX_VALUE, value * 10 + (s.charAt(i) - '0'));
            i++;
        }
        if (i == digitsFrom || negative && value != 0) {
            return -1;
        }
        return value;
    }
}
