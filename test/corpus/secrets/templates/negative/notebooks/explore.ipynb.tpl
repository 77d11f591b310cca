{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [],
   "source": [
    "import getpass, os\n",
    "os.environ[\"OPENAI_API_KEY\"] = getpass.getpass(\"OpenAI key: \")\n", ⟪neg function-call⟫
    "token = os.environ.get(\"HF_TOKEN\")\n", ⟪neg env-reference⟫
    "from google.colab import userdata\n",
    "api_key = userdata.get('ANTHROPIC_API_KEY')" ⟪neg function-call⟫
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {},
   "outputs": [
    {
     "data": {
      "image/png": "⟦png-data 500⟧", ⟪neg image-data⟫
      "text/plain": ["<Figure size 640x480 with 1 Axes>"]
     },
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": ["df.plot()"]
  }
 ],
 "metadata": {"kernelspec": {"display_name": "Python 3", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
