package dev.joulebench.compress.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a {@code rows x cols} matrix is split over {@code d} MPO sites: {@code rows = m_1 ⋯ m_d},
 * {@code cols = n_1 ⋯ n_d}.
 *
 * <p>Index convention (used by every class in this package): the row index {@code i} is written in mixed
 * radix {@code (i_1, …, i_d)} with {@code i_1} the slowest digit, {@code i = ((i_1 m_2 + i_2) m_3 + i_3)⋯};
 * the column index {@code j = (j_1, …, j_d)} likewise. The MPO tensor interleaves the pairs,
 * {@code T[i_1, j_1, i_2, j_2, …, i_d, j_d] = W[i, j]}, so site {@code k} carries the physical pair
 * {@code (i_k, j_k)} of dimension {@code m_k n_k}, and core {@code k} is indexed
 * {@code [left][i_k][j_k][right]} (see {@link MpoCore}).
 */
public record MpoShape(int[] rowFactors, int[] colFactors) {
    public MpoShape {
        if (rowFactors == null || colFactors == null || rowFactors.length == 0) {
            throw new IllegalArgumentException("an MPO shape needs at least one site (row and column factors)");
        }
        if (rowFactors.length != colFactors.length) {
            throw new IllegalArgumentException("row factors " + Arrays.toString(rowFactors) + " and column factors "
                    + Arrays.toString(colFactors) + " must have the same number of sites");
        }
        rowFactors = rowFactors.clone();
        colFactors = colFactors.clone();
        checkFactors("row", rowFactors);
        checkFactors("column", colFactors);
    }

    /** Checks that the factors multiply to {@code rows} and {@code cols}. */
    public static MpoShape of(int rows, int cols, int[] rowFactors, int[] colFactors) {
        MpoShape shape = new MpoShape(rowFactors, colFactors);
        if (shape.rows() != rows || shape.cols() != cols) {
            throw new IllegalArgumentException("factors " + shape + " multiply to " + shape.rows() + "x" + shape.cols()
                    + ", not the matrix's " + rows + "x" + cols + "; choose factors whose products are the row and column counts");
        }
        return shape;
    }

    /**
     * A near-equal automatic factorisation over {@code sites} sites (factors of 1 allowed when a count has
     * fewer prime factors than sites, e.g. a prime). Algorithm: the prime factors of {@code rows}, largest
     * first, each go to the site whose product is currently smallest (greedy "longest processing time"
     * partition of the logarithms, which keeps the largest/smallest site ratio within one prime factor);
     * the same for {@code cols}. Row factors are then sorted descending and column factors ascending so the
     * site dimensions {@code m_k n_k} are as even as the factors allow (e.g. 1024x1024 over 4 sites gives
     * rows 8·8·4·4 and columns 4·4·8·8, every site 32).
     */
    public static MpoShape balanced(int rows, int cols, int sites) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix dimensions must be positive (got " + rows + "x" + cols + ")");
        }
        if (sites < 1) {
            throw new IllegalArgumentException("an MPO needs at least 1 site (got " + sites + ")");
        }
        int[] r = spread(rows, sites);
        int[] c = spread(cols, sites);
        Arrays.sort(r);
        reverse(r);
        Arrays.sort(c);
        return new MpoShape(r, c);
    }

    public int sites() {
        return rowFactors.length;
    }

    public int rows() {
        return product(rowFactors);
    }

    public int cols() {
        return product(colFactors);
    }

    @Override
    public int[] rowFactors() {
        return rowFactors.clone();
    }

    @Override
    public int[] colFactors() {
        return colFactors.clone();
    }

    /** {@code m_k} (k from 0). */
    public int rowFactor(int k) {
        return rowFactors[k];
    }

    /** {@code n_k} (k from 0). */
    public int colFactor(int k) {
        return colFactors[k];
    }

    /** Physical dimension {@code m_k n_k} of site {@code k} (from 0). */
    public int siteDimension(int k) {
        return rowFactors[k] * colFactors[k];
    }

    /**
     * Largest possible bond between site {@code k} and {@code k+1} (k from 0 to d−2): the rank bound of
     * that unfolding, {@code min(Π_{l≤k} m_l n_l, Π_{l>k} m_l n_l)}.
     */
    public long maxBond(int k) {
        long left = 1;
        long right = 1;
        for (int l = 0; l < sites(); l++) {
            if (l <= k) {
                left = Math.min(left * siteDimension(l), Integer.MAX_VALUE);
            } else {
                right = Math.min(right * siteDimension(l), Integer.MAX_VALUE);
            }
        }
        return Math.min(left, right);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MpoShape s && Arrays.equals(rowFactors, s.rowFactors) && Arrays.equals(colFactors, s.colFactors);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rowFactors) + Arrays.hashCode(colFactors);
    }

    @Override
    public String toString() {
        return join(rowFactors) + " x " + join(colFactors);
    }

    private static String join(int[] f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.length; i++) {
            sb.append(i == 0 ? "" : "·").append(f[i]);
        }
        return sb.toString();
    }

    private static void checkFactors(String what, int[] f) {
        long p = 1;
        for (int x : f) {
            if (x < 1) {
                throw new IllegalArgumentException(what + " factors must be at least 1 (got " + Arrays.toString(f) + ")");
            }
            p *= x;
            if (p > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " factors " + Arrays.toString(f) + " multiply past 2^31");
            }
        }
    }

    private static int product(int[] f) {
        int p = 1;
        for (int x : f) {
            p *= x;
        }
        return p;
    }

    private static int[] spread(int n, int sites) {
        List<Integer> primes = new ArrayList<>();
        int rest = n;
        for (int p = 2; (long) p * p <= rest; p++) {
            while (rest % p == 0) {
                primes.add(p);
                rest /= p;
            }
        }
        if (rest > 1) {
            primes.add(rest);
        }
        primes.sort((a, b) -> Integer.compare(b, a));
        int[] site = new int[sites];
        Arrays.fill(site, 1);
        for (int p : primes) {
            int smallest = 0;
            for (int s = 1; s < sites; s++) {
                if (site[s] < site[smallest]) {
                    smallest = s;
                }
            }
            site[smallest] *= p;
        }
        return site;
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
