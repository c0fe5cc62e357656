package dev.joulebench.data;

import dev.joulebench.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Finds datasets by name or path, in the order of DESIGN.md: an explicit path, then
 * {@code $JOULEBENCH_DATA/<name>}, {@code ~/joulebench/datasets/<name>}, the system roots
 * ({@code /usr/share/datasets/<name>}, where Debian's dataset packages install), and for
 * {@code samples} the subset shipped in {@code <joulebench home>/samples/fashion-mnist}.
 *
 * <p>The environment and directories are constructor arguments, not read from the process, so that
 * the lookup order can be tested without touching the real home directory.
 */
public final class DatasetCatalog {
    /** Shapes by directory and modification time: immutable facts, shared by every catalog (a form re-checks often). */
    private static final Map<String, DataShape> SHAPES = new java.util.concurrent.ConcurrentHashMap<>();
    public static final List<String> NAMES = List.of("fashion-mnist", "mnist", "cifar10", "samples");
    /** Environment variable naming a directory that holds datasets by name. */
    public static final String DATA_ENV = "JOULEBENCH_DATA";
    /** System property naming the installation directory, the one holding samples/. */
    public static final String HOME_PROPERTY = "joulebench.home";
    public static final List<String> IDX_FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private static final String MNIST_URL = "https://yann.lecun.com/exdb/mnist/";
    private static final String MNIST_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private static final String FASHION_URL = "https://github.com/zalandoresearch/fashion-mnist";

    private enum Format { IDX, CIFAR }

    private record Resolved(String name, Path dir, Format format, List<String> classNames) {
    }

    private final Map<String, String> env;
    private final Path userHome;
    private final Path joulebenchHome;
    private final List<Path> systemRoots;

    /**
     * @param env            environment variables ({@value #DATA_ENV} is read from it)
     * @param userHome       home directory holding joulebench/datasets/
     * @param joulebenchHome installation directory holding samples/
     * @param systemRoots    system-wide dataset roots, searched in order
     */
    public DatasetCatalog(Map<String, String> env, Path userHome, Path joulebenchHome, List<Path> systemRoots) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.joulebenchHome = Objects.requireNonNull(joulebenchHome, "joulebenchHome");
        this.systemRoots = List.copyOf(Objects.requireNonNull(systemRoots, "systemRoots"));
    }

    /** The catalog of this process: its environment, user.home, joulebench.home (else the working directory). */
    public static DatasetCatalog system() {
        String home = System.getProperty(HOME_PROPERTY);
        Path joulebenchHome = home == null || home.isBlank()
                ? Path.of("").toAbsolutePath() : Path.of(home);
        return new DatasetCatalog(System.getenv(), Path.of(System.getProperty("user.home")), joulebenchHome,
                List.of(Path.of("/usr/share/datasets")));
    }

    /**
     * Loads the train and test sets of a named dataset or of a directory.
     *
     * @throws BadInputException         for a name that is neither known nor an existing path
     * @throws DatasetNotFoundException  if the dataset or one of its files is missing
     * @throws DataFormatException       if a file is corrupt
     */
    public DatasetFiles load(String nameOrPath) throws IOException {
        Resolved resolved = resolve(nameOrPath);
        if (resolved.format() == Format.CIFAR) {
            return Cifar10Reader.read(resolved.name(), resolved.dir());
        }
        return loadIdx(resolved);
    }

    /**
     * The shape of a dataset (image size, classes, counts), for checks before a run. Remembered per directory
     * and modification time, so checking a form again does not read 60,000 images again.
     *
     * @throws BadInputException for a dataset that is unknown, missing or corrupt (as {@link #load})
     */
    public DataShape shape(String nameOrPath) throws IOException {
        Resolved resolved = resolve(nameOrPath);
        Path dir = resolved.dir();
        String key = dir.toAbsolutePath().normalize() + "|" + Files.getLastModifiedTime(dir).toMillis();
        DataShape known = SHAPES.get(key);
        if (known != null) {
            return known;
        }
        DataShape shape = DataShape.of(load(nameOrPath));
        if (SHAPES.size() > 64) {
            SHAPES.clear();
        }
        SHAPES.put(key, shape);
        return shape;
    }

    /**
     * The directory the dataset would be loaded from, without reading it.
     *
     * @throws DatasetNotFoundException if no place in the lookup order holds it
     * @throws BadInputException        for a name that is neither known nor an existing path
     */
    public Path locate(String nameOrPath) {
        return resolve(nameOrPath).dir();
    }

    /** The places a name is looked for, in order (without the explicit path). */
    public List<Path> candidates(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw unknown(name, null);
        }
        List<Path> places = new ArrayList<>();
        if (key.equals("samples")) {
            places.add(joulebenchHome.resolve("samples").resolve("fashion-mnist"));
            return places;
        }
        String data = env.get(DATA_ENV);
        if (data != null && !data.isBlank()) {
            places.add(Path.of(data).resolve(key));
        }
        places.add(userHome.resolve("joulebench").resolve("datasets").resolve(key));
        for (Path root : systemRoots) {
            places.add(root.resolve(key));
        }
        return places;
    }

    private Resolved resolve(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        String given = nameOrPath.strip();
        if (given.isEmpty()) {
            throw new BadInputException("No dataset given: use one of " + String.join(", ", NAMES)
                    + " or the path of a directory holding IDX or CIFAR-10 binary files.");
        }
        String key = given.toLowerCase(Locale.ROOT);
        boolean known = NAMES.contains(key);
        Path explicit = asPath(given);
        if (explicit != null && Files.exists(explicit)) {
            Path dir = Files.isDirectory(explicit) ? explicit : explicit.toAbsolutePath().getParent();
            Format format = detect(dir);
            if (format != null) {
                return new Resolved(nameOf(dir), dataDirectory(dir, format), format, null);
            }
            if (!known) {
                throw new DatasetNotFoundException(explicit + " holds no dataset files. Expected the IDX files "
                        + idxFileList() + " (each may end in .gz), or CIFAR-10 binary batches ("
                        + String.join(", ", Cifar10Reader.TRAIN_FILES) + ", " + Cifar10Reader.TEST_FILE
                        + ", or their " + Cifar10Reader.ARCHIVE_FOLDER + "/ folder).", List.of(explicit));
            }
            // A known name that is also an unrelated folder in the working directory (./samples): look it up.
        }
        if (!known) {
            throw unknown(given, explicit);
        }
        Format expected = key.equals("cifar10") ? Format.CIFAR : Format.IDX;
        List<Path> places = candidates(key);
        List<String> looked = new ArrayList<>();
        for (Path place : places) {
            if (!Files.isDirectory(place)) {
                looked.add(place + (Files.exists(place) ? " (not a directory)" : " (no such directory)"));
                continue;
            }
            Format format = detect(place);
            if (format == expected) {
                return new Resolved(key, dataDirectory(place, format), format, classNamesOf(key));
            }
            looked.add(place + " (exists, but holds no " + (expected == Format.IDX ? "IDX" : "CIFAR-10 binary")
                    + " files)");
        }
        throw notFound(key, places, looked);
    }

    private DatasetNotFoundException notFound(String key, List<Path> places, List<String> looked) {
        StringBuilder message = new StringBuilder("Dataset '").append(key).append("' not found. Looked in: ")
                .append(String.join(", ", looked));
        String data = env.get(DATA_ENV);
        if (!key.equals("samples") && (data == null || data.isBlank())) {
            message.append(" (").append(DATA_ENV).append(" is not set)");
        }
        Path personal = userHome.resolve("joulebench").resolve("datasets").resolve(key);
        String setEnv = "or set " + DATA_ENV + " to a directory holding " + key + "/.";
        message.append(". ");
        switch (key) {
            case "fashion-mnist" -> message.append("Get it with: sudo apt-get install dataset-fashion-mnist")
                    .append(" (Debian/Ubuntu), or put the four IDX files (").append(idxFileList())
                    .append(", gzip'd or not; from ").append(FASHION_URL).append(") in ").append(personal)
                    .append("/, ").append(setEnv);
            case "mnist" -> message.append("Get it by downloading the four IDX files (")
                    .append(String.join(".gz, ", IDX_FILES)).append(".gz) from ").append(MNIST_URL)
                    .append(" (mirror: ").append(MNIST_MIRROR).append(") into ").append(personal).append("/, ").append(setEnv);
            case "cifar10" -> message.append("Get it by downloading the binary version ")
                    .append(Cifar10Reader.SOURCE_URL).append(" and unpacking it with tar xzf into ")
                    .append(personal).append("/ (its ").append(Cifar10Reader.ARCHIVE_FOLDER)
                    .append("/ folder is found too), ").append(setEnv);
            default -> message.append("The samples ship with Joulebench: set the system property ")
                    .append(HOME_PROPERTY).append(" (the joulebench launcher does) to the installation directory")
                    .append(" that holds samples/, or use the full dataset with fashion-mnist.");
        }
        return new DatasetNotFoundException(message.toString(), places);
    }

    private static BadInputException unknown(String given, Path explicit) {
        String where = explicit == null ? "" : " (no such file or directory: " + explicit.toAbsolutePath() + ")";
        return new BadInputException("Unknown dataset '" + given + "': it is neither one of the names "
                + String.join(", ", NAMES) + " nor an existing path" + where
                + ". Give one of those names or the directory holding the dataset files.");
    }

    private DatasetFiles loadIdx(Resolved resolved) throws IOException {
        Path dir = resolved.dir();
        Path[] files = new Path[IDX_FILES.size()];
        List<Path> expected = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            String stem = IDX_FILES.get(i);
            files[i] = IdxReader.find(dir, stem);
            if (files[i] == null) {
                expected.add(dir.resolve(stem));
                expected.add(dir.resolve(stem + ".gz"));
                missing.add(stem + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetNotFoundException("Dataset '" + resolved.name() + "' in " + dir + " is incomplete: "
                    + String.join(", ", missing) + " missing. Expected all four IDX files " + idxFileList()
                    + ", each with or without .gz.", expected);
        }
        IdxReader.IdxImages trainImages = IdxReader.readImages(files[0]);
        byte[] trainLabels = IdxReader.readLabels(files[1]);
        IdxReader.IdxImages testImages = IdxReader.readImages(files[2]);
        byte[] testLabels = IdxReader.readLabels(files[3]);
        if (trainImages.rows() != testImages.rows() || trainImages.cols() != testImages.cols()) {
            throw new DataFormatException("Image size mismatch: " + files[0] + " holds " + trainImages.rows() + "x"
                    + trainImages.cols() + " images but " + files[2] + " holds " + testImages.rows() + "x"
                    + testImages.cols() + "; expected train and test of one dataset");
        }
        List<String> classNames = resolved.classNames() != null ? resolved.classNames()
                : inferClassNames(dir, trainImages, trainLabels, testLabels);
        ImageDataset train = IdxReader.toDataset(resolved.name(), trainImages, files[0], trainLabels, files[1],
                classNames);
        ImageDataset test = IdxReader.toDataset(resolved.name(), testImages, files[2], testLabels, files[3],
                classNames);
        return new DatasetFiles(train, test, dir);
    }

    /**
     * Names for a directory given by path: ten 28×28 classes are Fashion-MNIST (the one installed by
     * Debian) unless the folder says MNIST, anything else gets numbers.
     */
    private static List<String> inferClassNames(Path dir, IdxReader.IdxImages images, byte[] trainLabels,
                                                byte[] testLabels) {
        int classes = Math.max(maxLabel(trainLabels), maxLabel(testLabels)) + 1;
        if (classes <= 10 && images.rows() == 28 && images.cols() == 28) {
            String folder = nameOf(dir).toLowerCase(Locale.ROOT);
            return folder.contains("mnist") && !folder.contains("fashion") ? ClassNames.MNIST : ClassNames.FASHION_MNIST;
        }
        return ClassNames.numbered(Math.max(1, classes));
    }

    private static int maxLabel(byte[] labels) {
        int max = -1;
        for (byte label : labels) {
            max = Math.max(max, label & 0xFF);
        }
        return max;
    }

    private static List<String> classNamesOf(String key) {
        return switch (key) {
            case "mnist" -> ClassNames.MNIST;
            case "cifar10" -> ClassNames.CIFAR10;
            default -> ClassNames.FASHION_MNIST;
        };
    }

    private static Format detect(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        for (String stem : IDX_FILES) {
            if (IdxReader.find(dir, stem) != null) {
                return Format.IDX;
            }
        }
        return Cifar10Reader.batchDirectory(dir) != null ? Format.CIFAR : null;
    }

    private static Path dataDirectory(Path dir, Format format) {
        return format == Format.CIFAR ? Cifar10Reader.batchDirectory(dir) : dir;
    }

    private static String nameOf(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "dataset" : name.toString();
    }

    private static Path asPath(String given) {
        try {
            return Path.of(given);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String idxFileList() {
        return String.join(", ", IDX_FILES);
    }
}
