package dev.joulebench.data;

import java.util.ArrayList;
import java.util.List;

/** The class names of the known datasets, in label order, so reports can print names, not numbers. */
public final class ClassNames {
    public static final List<String> FASHION_MNIST = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final List<String> MNIST = numbered(10);
    public static final List<String> CIFAR10 = List.of(
            "airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");

    private ClassNames() {
    }

    /** "0", "1", ... for data whose classes have no names of their own. */
    public static List<String> numbered(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1: " + classes);
        }
        List<String> names = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) {
            names.add(Integer.toString(i));
        }
        return List.copyOf(names);
    }
}
