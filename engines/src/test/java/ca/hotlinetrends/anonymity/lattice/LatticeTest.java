package ca.hotlinetrends.anonymity.lattice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatticeTest {

    private final Lattice lattice = new Lattice(new int[] {2, 3, 2});

    @Test
    void nodeNumbers_followTheLexicographicOrderOfLevels() {
        assertThat(lattice.size()).isEqualTo(12);
        assertThat(lattice.node(new int[] {0, 0, 1})).isEqualTo(1);
        assertThat(lattice.node(new int[] {0, 1, 0})).isEqualTo(2);
        assertThat(lattice.node(new int[] {1, 0, 0})).isEqualTo(6);
        assertThat(lattice.levels(11)).containsExactly(1, 2, 1);
        assertThat(lattice.levelSum(11)).isEqualTo(4);
    }

    @Test
    void upAndDown_moveOneLevelWithinTheHierarchy() {
        int node = lattice.node(new int[] {0, 2, 1});

        assertThat(lattice.up(node, 1)).isEqualTo(-1);
        assertThat(lattice.levels(lattice.up(node, 0))).containsExactly(1, 2, 1);
        assertThat(lattice.levels(lattice.down(node, 2))).containsExactly(0, 2, 0);
        assertThat(lattice.down(node, 0)).isEqualTo(-1);
        assertThat(lattice.generalises(lattice.top(), node)).isTrue();
        assertThat(lattice.generalises(node, lattice.top())).isFalse();
    }

    @Test
    void levelOutsideTheHierarchy_isRejected() {
        assertThatThrownBy(() -> lattice.node(new int[] {0, 3, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("level 1 must be in [0, 2]. Provided value: 3");
    }
}
