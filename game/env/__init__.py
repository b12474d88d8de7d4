"""The research seat: the game behind the standard interfaces of learning research.

- `game.env.encoding`: a side's observation as a flat vector, its legal moves as a mask;
- `game.env.common`: what the environments share (spaces, seeds, rewards, illegal actions, info);
- `game.env.aec`, `game.env.parallel`: PettingZoo's AEC and parallel environments;
- `game.env.single`: a Gymnasium environment for one side, the others played by agents;
- `game.env.policy`: trained policies seated as agents (`py:game.env.policy:maskable@…`);
- `game.env.spiel` (with `spiel_model`, `spiel_view`, `spiel_observer`): each scenario as an
  OpenSpiel Python game;
- `game.env.text`, `game.env.panels`, `game.env.seat`, `game.env.replies`: a side's view as
  plain text, and one seat played over JSON lines on stdin/stdout (`python main.py serve-seat`),
  for language-model agents.

Nothing in the game imports this package; each module imports its own library (numpy,
gymnasium, pettingzoo, open_spiel: the `ai` extra; the text seat needs none of them).
docs/research.md shows how to use each.
"""
