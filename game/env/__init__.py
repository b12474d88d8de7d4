"""The research seat: the game behind the standard interfaces of learning research.

- `game.env.encoding`: a side's observation as a flat vector, its legal moves as a mask;
- `game.env.aec`: PettingZoo AEC and parallel environments (the `ai` extra);
- `game.env.single`: a Gymnasium environment for one side, the others played by agents;
- `game.env.spiel`: each scenario as an OpenSpiel Python game (`open_spiel`, the `ai` extra);
- `game.env.text` and `game.env.seat`: a side's view as plain text, and one seat played over
  JSON lines on stdin/stdout (`python main.py serve-seat`), for language-model agents.

Nothing here is imported by the game itself; each module imports its own library.
"""
